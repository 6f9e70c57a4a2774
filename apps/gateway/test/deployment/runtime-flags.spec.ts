/**
 * The container starts the gateway as `npm start` and the benchmark do: the node arguments and
 * environment in apps/gateway/runtime-flags.json (measured for memory, BENCHMARKS.md) are the
 * Dockerfile's final CMD and ENV too, so a change to one that forgets the other fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDockerfile, parseEnv, parseExec } from './support/dockerfile.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const flags = JSON.parse(readFileSync(path.join(root, 'apps/gateway/runtime-flags.json'), 'utf8')) as { nodeArgs: string[]; env: Record<string, string> };
const stages = parseDockerfile(readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8'));
const runtime = stages[stages.length - 1]!;

describe('runtime flags: npm start, the benchmark and the image agree', () => {
  it('the image runs node with the same arguments', () => {
    const cmd = runtime.instructions.filter((i) => i.op === 'CMD').map((i) => parseExec(i.args, i.line));
    expect(cmd.at(-1)).toEqual(['node', ...flags.nodeArgs, 'apps/gateway/dist/main.js']);
  });

  it('the image sets the same environment', () => {
    const env = Object.assign({}, ...runtime.instructions.filter((i) => i.op === 'ENV').map((i) => parseEnv(i.args, i.line)));
    for (const [name, value] of Object.entries(flags.env)) expect([name, env[name]]).toEqual([name, value]);
  });

  it('npm start reads the file (scripts/start.mjs)', () => {
    const start = readFileSync(path.join(root, 'scripts/start.mjs'), 'utf8');
    expect(start).toContain("apps/gateway/runtime-flags.json");
    expect(start).toMatch(/spawn\(process\.execPath, \[\.\.\.flags\.nodeArgs,/);
  });
});
