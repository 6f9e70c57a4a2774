/**
 * A Node ESM loader that runs the gateway's TypeScript sources directly, compiled in memory by SWC
 * with the same settings as the Jest preset (legacy decorators with metadata, which NestJS's
 * constructor injection needs and esbuild/tsx cannot emit). Workspace libraries resolve to their
 * sources, as in Jest. Used by the multi-process tests to spawn `src/main.ts` without a build.
 *
 *   node --import ./apps/gateway/test/gateway-control-plane/support/ts-register.mjs apps/gateway/src/main.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from '@swc/core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

const SWC = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export async function resolve(specifier, context, nextResolve) {
  const lib = /^@aigw\/([a-z-]+)$/.exec(specifier);
  if (lib && lib[1] !== 'mock-provider') {
    const file = path.join(ROOT, 'libs', lib[1], 'src', 'index.ts');
    if (existsSync(file)) return { url: pathToFileURL(file).href, shortCircuit: true };
  }
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const ts = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const filename = fileURLToPath(url);
    const { code } = transformSync(readFileSync(filename, 'utf8'), { ...SWC, filename });
    return { format: 'module', source: code, shortCircuit: true };
  }
  return nextLoad(url, context);
}
