/**
 * Small valid audio files made in code: a WAV (RIFF header + 16-bit mono PCM sine tone), the raw
 * PCM alone, and MP3 as silent MPEG-1 Layer III frames (all-zero side info decodes as silence).
 */

export const SAMPLE_RATE = 24000; // what OpenAI's speech endpoint produces
const TONE_HZ = 440;

/** 16-bit little-endian mono samples of a quiet sine tone. */
export function pcmTone(seconds = 0.1, sampleRate = SAMPLE_RATE): Buffer {
  const n = Math.round(seconds * sampleRate);
  const out = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * TONE_HZ * i) / sampleRate) * 3000), i * 2);
  return out;
}

/** A canonical 44-byte-header PCM WAV around `pcm` (16-bit mono). */
export function wavFile(pcm: Buffer, sampleRate = SAMPLE_RATE): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + pcm.length, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}

/** Duration of a PCM WAV from its `fmt ` byte rate and `data` size; undefined if not a WAV. */
export function wavSeconds(buf: Buffer): number | undefined {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  for (let pos = 12; pos + 8 <= buf.length; ) {
    const id = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    if (id === 'fmt ' && pos + 16 <= buf.length) byteRate = buf.readUInt32LE(pos + 16);
    if (id === 'data') return byteRate ? size / byteRate : undefined;
    pos += 8 + size + (size & 1);
  }
  return undefined;
}

// MPEG-1 Layer III, no CRC (FF FB); 128 kbit/s, 44.1 kHz, no padding (90); mono, original (C4).
const MP3_HEADER = [0xff, 0xfb, 0x90, 0xc4];
const MP3_FRAME_BYTES = Math.floor((144 * 128000) / 44100); // 417

/** `frames` silent MP3 frames (~26 ms each). */
export function mp3Silence(frames = 8): Buffer {
  const out = Buffer.alloc(frames * MP3_FRAME_BYTES);
  for (let f = 0; f < frames; f++) out.set(MP3_HEADER, f * MP3_FRAME_BYTES);
  return out;
}
