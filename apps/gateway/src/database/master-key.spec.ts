import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMasterKey, MASTER_KEY_FILE, parseMasterKey } from './master-key.js';

describe('master key', () => {
  const key = randomBytes(32);

  it('accepts hex and base64 of exactly 32 bytes', () => {
    expect(parseMasterKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseMasterKey(key.toString('base64url')).equals(key)).toBe(true);
    expect(() => parseMasterKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parseMasterKey('not a key')).toThrow(/32 bytes/);
  });

  it('requires GATEWAY_MASTER_KEY with an external database', async () => {
    await expect(loadMasterKey({ env: {}, warn: () => undefined })).rejects.toThrow(/GATEWAY_MASTER_KEY is required/);
    const loaded = await loadMasterKey({ env: { GATEWAY_MASTER_KEY: key.toString('hex') }, warn: () => undefined });
    expect(loaded.equals(key)).toBe(true);
  });

  it('generates one key into the data folder once, private, with a warning', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-key-'));
    const warnings: string[] = [];
    const first = await loadMasterKey({ env: {}, dataDir, warn: (m) => warnings.push(m) });
    const second = await loadMasterKey({ env: {}, dataDir, warn: (m) => warnings.push(m) });
    expect(first.equals(second)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Back it up/);
    const file = path.join(dataDir, MASTER_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(await readFile(file, 'utf8')).equals(first)).toBe(true);
    await rm(dataDir, { recursive: true, force: true });
  });
});
