import { encodeMultipart } from './multipart.js';

describe('encodeMultipart', () => {
  it('writes one RFC 7578 part per text field, CRLF-separated, with a closing boundary', () => {
    const { contentType, body } = encodeMultipart({ prompt: 'A lighthouse on a cliff, "oil" painting', seed: 42, output_format: 'png', skipped: undefined, nothing: null }, 'XyZ123');
    expect(contentType).toBe('multipart/form-data; boundary=XyZ123');
    expect(body.toString('utf8')).toBe(
      '--XyZ123\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nA lighthouse on a cliff, "oil" painting\r\n' +
        '--XyZ123\r\nContent-Disposition: form-data; name="seed"\r\n\r\n42\r\n' +
        '--XyZ123\r\nContent-Disposition: form-data; name="output_format"\r\n\r\npng\r\n' +
        '--XyZ123--\r\n',
    );
  });

  it('keeps UTF-8 text intact and is readable by a standard multipart parser', async () => {
    const { contentType, body } = encodeMultipart({ prompt: 'Ein Café im Mondlicht — 月', aspect_ratio: '16:9' });
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('prompt')).toBe('Ein Café im Mondlicht — 月');
    expect(form.get('aspect_ratio')).toBe('16:9');
  });

  it('uses a fresh random boundary per body', () => {
    expect(encodeMultipart({ a: 'b' }).contentType).not.toBe(encodeMultipart({ a: 'b' }).contentType);
  });

  it('refuses object fields and values containing the boundary', () => {
    expect(() => encodeMultipart({ image: { bytes: 'x' } })).toThrow(TypeError);
    expect(() => encodeMultipart({ prompt: 'a --B-- b' }, 'B')).toThrow(/boundary/);
  });
});
