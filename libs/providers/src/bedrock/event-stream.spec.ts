import { ProviderStreamError } from '../core/types.js';
import { encodeMessage, concat, converseEvent, converseException } from './__fixtures__/event-stream-encoder.js';
import { crc32 } from './crc32.js';
import { EventStreamDecodeError, EventStreamDecoder, createEventStreamParser, toStreamEvent } from './event-stream.js';
import { createBedrockEventParser } from './stream-parser.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * Two frames published as examples of the framing (an event-stream codec's documentation on
 * hex.pm): `{"foo": "bar"}` without headers, and with a `content-type: application/json` header.
 * Matching them byte for byte checks CRC-32, lengths and header encoding against outside data.
 */
const PUBLISHED_NO_HEADERS = Uint8Array.from([
  0, 0, 0, 30, 0, 0, 0, 0, 186, 242, 246, 138, 123, 34, 102, 111, 111, 34, 58, 32, 34, 98, 97, 114, 34, 125, 174, 114, 88, 228,
]);
const PUBLISHED_WITH_HEADER = Uint8Array.from([
  0, 0, 0, 62, 0, 0, 0, 32, 64, 93, 249, 70, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0, 16, 97, 112, 112, 108, 105, 99, 97, 116, 105,
  111, 110, 47, 106, 115, 111, 110, 123, 34, 102, 111, 111, 34, 58, 32, 34, 98, 97, 114, 34, 125, 111, 162, 191, 59,
]);

describe('crc32', () => {
  it('matches the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('EventStreamDecoder', () => {
  it('the test encoder reproduces the published frames', () => {
    expect(encodeMessage({}, '{"foo": "bar"}')).toEqual(PUBLISHED_NO_HEADERS);
    expect(encodeMessage({ 'content-type': 'application/json' }, '{"foo": "bar"}')).toEqual(PUBLISHED_WITH_HEADER);
  });

  it('decodes the published frames', () => {
    const messages = new EventStreamDecoder().push(concat([PUBLISHED_NO_HEADERS, PUBLISHED_WITH_HEADER]));
    expect(messages.map((m) => ({ headers: m.headers, payload: text(m.payload) }))).toEqual([
      { headers: {}, payload: '{"foo": "bar"}' },
      { headers: { 'content-type': 'application/json' }, payload: '{"foo": "bar"}' },
    ]);
  });

  it('reassembles frames split across many chunks, down to single bytes', () => {
    const first = converseEvent('messageStart', { role: 'assistant' });
    const stream = concat([first, converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo 👋' } })]);
    const decoder = new EventStreamDecoder();
    const messages = [];
    const completedAt: number[] = [];
    for (let i = 0; i < stream.length; i++) {
      const out = decoder.push(stream.subarray(i, i + 1));
      if (out.length > 0) completedAt.push(i);
      messages.push(...out);
    }
    // Each message comes out exactly with its last byte, not before.
    expect(completedAt).toEqual([first.length - 1, stream.length - 1]);
    expect(decoder.pendingBytes).toBe(0);
    expect(messages.map((m) => [m.headers[':event-type'], JSON.parse(text(m.payload))])).toEqual([
      ['messageStart', { role: 'assistant' }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo 👋' } }],
    ]);
  });

  it('emits a frame whose end arrives together with the start of the next', () => {
    const a = converseEvent('messageStart', { role: 'assistant' });
    const b = converseEvent('messageStop', { stopReason: 'end_turn' });
    const decoder = new EventStreamDecoder();
    expect(decoder.push(a.subarray(0, 10))).toEqual([]);
    expect(decoder.push(concat([a.subarray(10), b.subarray(0, 20)])).map((m) => m.headers[':event-type'])).toEqual(['messageStart']);
    expect(decoder.push(b.subarray(20)).map((m) => m.headers[':event-type'])).toEqual(['messageStop']);
  });

  it('rejects a frame whose message CRC does not match, and stays failed', () => {
    const frame = converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } });
    frame[frame.length - 8] ^= 0x01; // flip a payload bit
    const decoder = new EventStreamDecoder();
    expect(() => decoder.push(frame)).toThrow(new EventStreamDecodeError('message CRC mismatch'));
    expect(() => decoder.push(converseEvent('messageStop', {}))).toThrow(EventStreamDecodeError);
  });

  it('rejects a corrupt prelude as soon as its 12 bytes are in', () => {
    const frame = converseEvent('messageStart', { role: 'assistant' });
    frame[3] ^= 0x10; // total length no longer matches the prelude CRC
    expect(() => new EventStreamDecoder().push(frame.subarray(0, 12))).toThrow('prelude CRC mismatch');
  });

  it('rejects lengths that cannot be right even when the prelude CRC holds', () => {
    const bad = new Uint8Array(16);
    const view = new DataView(bad.buffer);
    view.setUint32(0, 16);
    view.setUint32(4, 5); // 5 header bytes cannot fit in a 16-byte message
    view.setUint32(8, crc32(bad, 0, 8));
    expect(() => new EventStreamDecoder().push(bad)).toThrow(/invalid message lengths/);
  });

  it('steps over header value types other than strings', () => {
    const frame = encodeMessage(
      {
        flag: { type: 'bool', value: true },
        off: { type: 'bool', value: false },
        count: { type: 'int', value: 7 },
        at: { type: 'timestamp', value: 1_700_000_000_000 },
        id: { type: 'uuid', value: new Uint8Array(16).fill(1) },
        blob: { type: 'bytes', value: Uint8Array.of(1, 2, 3) },
        ':event-type': 'metadata',
      },
      '{}',
    );
    expect(new EventStreamDecoder().push(frame)[0].headers).toEqual({ ':event-type': 'metadata' });
  });
});

describe('toStreamEvent / createEventStreamParser', () => {
  it('names events by :event-type and exceptions by :exception-type', () => {
    const parser = createEventStreamParser();
    const events = parser.push(concat([converseEvent('messageStart', { role: 'assistant' }), converseException('throttlingException', 'Too many requests')]));
    expect(events).toEqual([
      { event: 'messageStart', data: '{"role":"assistant"}' },
      { event: 'throttlingException', data: '{"message":"Too many requests"}' },
    ]);
  });

  it('turns a generic error message into an error event carrying its code and message', () => {
    const frame = encodeMessage({ ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'boom' }, '');
    expect(toStreamEvent(new EventStreamDecoder().push(frame)[0])).toEqual({ event: 'error', data: '{"code":"InternalFailure","message":"boom"}' });
  });

  it('skips messages with no type to route on', () => {
    expect(createEventStreamParser().push(encodeMessage({}, '{}'))).toEqual([]);
  });
});

describe('createBedrockEventParser', () => {
  it('reports a corrupt frame as a ProviderStreamError from bedrock', () => {
    const frame = converseEvent('messageStart', { role: 'assistant' });
    frame[frame.length - 1] ^= 0xff;
    let thrown: unknown;
    try {
      createBedrockEventParser().push(frame);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderStreamError);
    expect((thrown as ProviderStreamError).body).toEqual({
      error: { message: 'bedrock error: corrupt event stream (message CRC mismatch)', type: 'EventStreamDecodeError', param: null, code: null },
      provider: 'bedrock',
    });
  });
});
