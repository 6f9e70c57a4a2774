import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.js';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never contains the plaintext', () => {
    const sealed = box.seal('sk-live-abcdef123456', 'virtual-key:a');
    expect(sealed.includes(Buffer.from('sk-live-abcdef123456'))).toBe(false);
    expect(box.open(sealed, 'virtual-key:a')).toBe('sk-live-abcdef123456');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'x').equals(box.seal('same', 'x'))).toBe(false);
  });

  it('refuses another row, another key, or tampering', () => {
    const sealed = box.seal('secret', 'virtual-key:a');
    expect(() => box.open(sealed, 'virtual-key:b')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'virtual-key:a')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.open(tampered, 'virtual-key:a')).toThrow();
  });

  it('wants a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
