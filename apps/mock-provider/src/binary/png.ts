import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/**
 * A tiny valid PNG (8×8 RGB, one flat colour) built by hand: signature, IHDR, one zlib-compressed
 * IDAT, IEND, each chunk with its CRC. The colour is seeded by a string (a prompt, an id), so the
 * same input gives byte-identical images and different inputs are distinguishable.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const PNG_SIDE = 8;

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

/** FNV-1a of the seed → an RGB colour. */
export function colourFor(seed: string): [number, number, number] {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
}

export function pngImage(seed: string, side = PNG_SIDE): Buffer {
  const [r, g, b] = colourFor(seed);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour (RGB)
  // compression, filter and interlace methods stay 0
  const row = 1 + side * 3; // filter byte (0 = None) + pixels
  const pixels = Buffer.alloc(row * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const at = y * row + 1 + x * 3;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
    }
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** Base64 of `pngImage(seed)`. */
export function pngBase64(seed: string): string {
  return pngImage(seed).toString('base64');
}
