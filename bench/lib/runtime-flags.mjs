// How the gateway is started: the Node arguments and environment in apps/gateway/runtime-flags.json,
// the one place both `npm start` and `npm run bench` take them from (e.g. V8 flags such as
// `--max-semi-space-size`, or `MALLOC_ARENA_MAX`), so the benchmark measures the gateway as it runs.
import { existsSync, readFileSync } from 'node:fs';

/**
 * Checks the parsed file: `{ "nodeArgs": [strings], "env": { NAME: string } }` (both optional).
 * Returns `{ nodeArgs, env }`; throws with a readable message on anything else.
 */
export function parseRuntimeFlags(data, file = 'runtime-flags.json') {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: expected an object with "nodeArgs" and "env"`);
  const unknown = Object.keys(data).filter((k) => !['nodeArgs', 'env', '$comment', 'comment'].includes(k));
  if (unknown.length) throw new Error(`${file}: unknown key(s) ${unknown.join(', ')} (expected "nodeArgs" and "env")`);
  const nodeArgs = data.nodeArgs ?? [];
  if (!Array.isArray(nodeArgs) || nodeArgs.some((a) => typeof a !== 'string' || a.length === 0)) throw new Error(`${file}: "nodeArgs" must be an array of non-empty strings`);
  const env = data.env ?? {};
  if (env === null || typeof env !== 'object' || Array.isArray(env)) throw new Error(`${file}: "env" must be an object of strings`);
  for (const [k, v] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || typeof v !== 'string') throw new Error(`${file}: "env" entry ${JSON.stringify(k)} must be a NAME with a string value`);
  }
  return { nodeArgs: [...nodeArgs], env: { ...env } };
}

/** Reads the file; a missing file means no flags (as before the file existed). */
export function readRuntimeFlags(file) {
  if (!existsSync(file)) return { nodeArgs: [], env: {}, missing: true };
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e.message})`);
  }
  return parseRuntimeFlags(data, file);
}
