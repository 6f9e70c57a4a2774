import { createHash } from 'node:crypto';
import { pngImage } from './binary/png.js';
import { startMockProvider, type MockProvider } from './index.js';
import { boundaryOf, describeParts, parseMultipart, textFields } from './multipart.js';

const CRLF = '\r\n';

function body(...pieces: (string | Buffer)[]): Buffer {
  return Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
}

describe('parseMultipart', () => {
  it('splits text fields and binary files, keeping bytes exact', () => {
    const png = pngImage('x');
    const b = 'XyZ';
    const raw = body(
      `--${b}${CRLF}Content-Disposition: form-data; name="prompt"${CRLF}${CRLF}a cat${CRLF}`,
      `--${b}${CRLF}Content-Disposition: form-data; name="image"; filename="in.png"${CRLF}Content-Type: image/png${CRLF}${CRLF}`,
      png,
      `${CRLF}--${b}--${CRLF}`,
    );
    const parts = parseMultipart(raw, b);
    expect(parts).toHaveLength(2);
    expect(parts[1]!.data.equals(png)).toBe(true);
    expect(describeParts(parts)).toEqual([
      { name: 'prompt', size: 5, value: 'a cat' },
      { name: 'image', filename: 'in.png', contentType: 'image/png', size: png.length },
    ]);
    expect(textFields(parts)).toEqual({ prompt: 'a cat' });
  });

  it('skips a preamble, reads quoted and RFC 5987 parameters, and an empty part', () => {
    const b = 'b';
    const raw = body(
      `ignored preamble${CRLF}--${b}${CRLF}Content-Disposition: form-data; name="q\\"uoted"; filename*=UTF-8''na%C3%AFve.txt${CRLF}${CRLF}hi${CRLF}`,
      `--${b}${CRLF}Content-Disposition: form-data; name=empty${CRLF}${CRLF}${CRLF}--${b}--`,
    );
    const parts = parseMultipart(raw, b);
    expect(parts.map((p) => [p.name, p.filename, p.data.toString()])).toEqual([
      ['q"uoted', 'naïve.txt', 'hi'],
      ['empty', undefined, ''],
    ]);
  });

  it('reads the boundary from quoted and unquoted content types', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
  });

  it('throws on missing delimiters or a truncated body', () => {
    expect(() => parseMultipart(Buffer.from('no delimiter here'), 'b')).toThrow(/no boundary/);
    expect(() => parseMultipart(Buffer.from(`--b${CRLF}Content-Disposition: form-data; name="a"${CRLF}${CRLF}cut`), 'b')).toThrow(/closing boundary/);
  });
});

describe('recording multipart and raw bodies', () => {
  let mock: MockProvider;
  beforeAll(async () => {
    mock = await startMockProvider();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  it('records part names, file names, types and sizes, plus size and sha256 of the raw body', async () => {
    const png = pngImage('edit me');
    const form = new FormData();
    form.append('model', 'gpt-image-1');
    form.append('prompt', 'add a hat');
    form.append('image[]', new Blob([png], { type: 'image/png' }), 'cat.png');
    const req = new Request(`${mock.url}/v1/images/edits`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form });
    const raw = Buffer.from(await req.clone().arrayBuffer());
    const res = await fetch(req);
    expect(res.status).toBe(200);
    const [r] = mock.requests('gpt-image-1');
    expect(r).toMatchObject({
      flavour: 'openai',
      endpoint: 'image_edit',
      model: 'gpt-image-1',
      body: {
        multipart: [
          { name: 'model', size: 11, value: 'gpt-image-1' },
          { name: 'prompt', size: 9, value: 'add a hat' },
          { name: 'image[]', filename: 'cat.png', contentType: 'image/png', size: png.length },
        ],
      },
      bodySize: raw.length,
      bodySha256: createHash('sha256').update(raw).digest('hex'),
    });
  });

  it('records a malformed multipart body as text and the endpoint answers 400', async () => {
    const res = await fetch(`${mock.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'multipart/form-data; boundary=zz' },
      body: 'not multipart',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toMatch(/expected multipart\/form-data/);
    expect(mock.requests()[0]).toMatchObject({ body: 'not multipart', bodySize: 13 });
  });

  it('records binary bodies by size and hash only', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81]);
    await fetch(`${mock.url}/v1/files/upload`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    const [r] = mock.requests();
    expect(r!.body).toBeUndefined();
    expect(r).toMatchObject({ bodySize: 5, bodySha256: createHash('sha256').update(bytes).digest('hex'), flavour: 'echo' });
  });
});
