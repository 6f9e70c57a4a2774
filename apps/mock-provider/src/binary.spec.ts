import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { mp3Silence, pcmTone, SAMPLE_RATE, wavFile, wavSeconds } from './binary/audio.js';
import { crc32 } from './binary/crc32.js';
import { encodeMessage, eventMessage, exceptionMessage } from './binary/eventstream.js';
import { colourFor, pngImage, PNG_SIDE } from './binary/png.js';

/** Walks PNG chunks, checking each CRC with zlib's independent implementation. */
function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let pos = 8; pos < png.length; ) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    expect(png.readUInt32BE(pos + 8 + len)).toBe(zlibCrc32(png.subarray(pos + 4, pos + 8 + len)));
    chunks.push({ type, data });
    pos += 12 + len;
  }
  return chunks;
}

describe('crc32', () => {
  it('matches zlib.crc32 and the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    for (const s of ['', 'a', 'hello world', 'x'.repeat(1000)]) expect(crc32(Buffer.from(s))).toBe(zlibCrc32(s));
    const b = Buffer.from('skip-me|hash-me|skip');
    expect(crc32(b, 8, 15)).toBe(zlibCrc32(Buffer.from('hash-me')));
  });
});

describe('PNG', () => {
  it('is a valid 8×8 RGB PNG of one colour seeded by the text', () => {
    const png = pngImage('a red fox');
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([PNG_SIDE, PNG_SIDE, 8, 2]);
    const pixels = inflateSync(chunks[1]!.data);
    expect(pixels).toHaveLength(PNG_SIDE * (1 + PNG_SIDE * 3));
    const [r, g, b] = colourFor('a red fox');
    expect([pixels[0], pixels[1], pixels[2], pixels[3]]).toEqual([0, r, g, b]); // filter byte, first pixel
    expect(pngImage('a red fox').equals(png)).toBe(true);
    expect(pngImage('a blue fox').equals(png)).toBe(false);
  });
});

describe('audio', () => {
  it('writes a canonical PCM WAV and reads its duration back', () => {
    const pcm = pcmTone(0.25);
    expect(pcm).toHaveLength(0.25 * SAMPLE_RATE * 2);
    const wav = wavFile(pcm);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 1, SAMPLE_RATE, 16]);
    expect(wav.toString('latin1', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(pcm.length);
    expect(wavSeconds(wav)).toBeCloseTo(0.25);
    expect(wavSeconds(Buffer.from('not a wav at all'))).toBeUndefined();
    expect(pcm.some((b) => b !== 0)).toBe(true); // a tone, not silence
  });

  it('writes MPEG-1 Layer III frames with valid sync headers', () => {
    const mp3 = mp3Silence(3);
    expect(mp3).toHaveLength(3 * 417);
    for (let f = 0; f < 3; f++) {
      const h = mp3.readUInt32BE(f * 417);
      expect(h >>> 21).toBe(0x7ff); // frame sync
      expect((h >>> 19) & 3).toBe(3); // MPEG-1
      expect((h >>> 17) & 3).toBe(1); // Layer III
      expect((h >>> 12) & 0xf).toBe(9); // 128 kbit/s
      expect((h >>> 10) & 3).toBe(0); // 44.1 kHz
      expect((h >>> 6) & 3).toBe(3); // mono
    }
  });
});

describe('AWS event-stream encoder', () => {
  it('reproduces the published encoding of {"foo": "bar"} without and with a header', () => {
    const payload = Buffer.from('{"foo": "bar"}');
    expect([...encodeMessage([], payload)]).toEqual([
      0, 0, 0, 30, 0, 0, 0, 0, 186, 242, 246, 138, 123, 34, 102, 111, 111, 34, 58, 32, 34, 98, 97, 114, 34, 125, 174, 114, 88, 228,
    ]);
    expect([...encodeMessage([['content-type', 'application/json']], payload)]).toEqual([
      0, 0, 0, 62, 0, 0, 0, 32, 64, 93, 249, 70, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0, 16, 97, 112, 112, 108, 105, 99, 97,
      116, 105, 111, 110, 47, 106, 115, 111, 110, 123, 34, 102, 111, 111, 34, 58, 32, 34, 98, 97, 114, 34, 125, 111, 162, 191, 59,
    ]);
  });

  it('names event and exception messages with the three string headers', () => {
    const ev = eventMessage('messageStart', { role: 'assistant' });
    expect(ev.includes(Buffer.from('\x0b:event-type\x07\x00\x0cmessageStart', 'latin1'))).toBe(true);
    expect(ev.includes(Buffer.from('\x0d:message-type\x07\x00\x05event', 'latin1'))).toBe(true);
    const ex = exceptionMessage('throttlingException', { message: 'slow down' });
    expect(ex.includes(Buffer.from('\x0f:exception-type\x07\x00\x13throttlingException', 'latin1'))).toBe(true);
    expect(ex.includes(Buffer.from('\x0d:message-type\x07\x00\x09exception', 'latin1'))).toBe(true);
    expect(ex.readUInt32BE(ex.length - 4)).toBe(zlibCrc32(ex.subarray(0, ex.length - 4)));
  });
});
