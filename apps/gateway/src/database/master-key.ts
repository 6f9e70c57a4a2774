/**
 * The master key that encrypts virtual-key credentials at rest. From `GATEWAY_MASTER_KEY`
 * (32 bytes, base64 or hex); for the embedded default only, generated once into the data folder
 * so a first run needs nothing, with a warning that it must be backed up with the data.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const MASTER_KEY_FILE = 'master.key';

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/** Accepts 64 hex characters or base64/base64url of exactly 32 bytes. */
export function parseMasterKey(value: string): Buffer {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const bytes = Buffer.from(text.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw new MasterKeyError(
    'GATEWAY_MASTER_KEY must be 32 bytes, as 64 hex characters or base64 (generate one with `openssl rand -base64 32`).',
  );
}

export interface LoadMasterKeyOptions {
  env: NodeJS.ProcessEnv;
  /** Set only for the embedded database: where a generated key is kept. */
  dataDir?: string;
  warn: (message: string) => void;
}

export async function loadMasterKey({ env, dataDir, warn }: LoadMasterKeyOptions): Promise<Buffer> {
  if (env.GATEWAY_MASTER_KEY) return parseMasterKey(env.GATEWAY_MASTER_KEY);
  if (!dataDir) {
    throw new MasterKeyError(
      'GATEWAY_MASTER_KEY is required when DATABASE_URL is set: every gateway process sharing the database needs ' +
        'the same key (32 bytes, base64 or hex; generate one with `openssl rand -base64 32`).',
    );
  }
  const file = path.join(dataDir, MASTER_KEY_FILE);
  try {
    return parseMasterKey(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (error instanceof MasterKeyError) throw new MasterKeyError(`${file}: ${error.message}`);
      throw error;
    }
  }
  const key = randomBytes(32);
  // `wx`: never overwrite a key another process wrote meanwhile (that would orphan its ciphertexts).
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  });
  await chmod(file, 0o600);
  const stored = parseMasterKey(await readFile(file, 'utf8'));
  warn(
    `Generated a master key for virtual-key credentials in ${file}. Back it up with the data folder: ` +
      'without it the stored credentials cannot be decrypted. Set GATEWAY_MASTER_KEY in production.',
  );
  return stored;
}
