/**
 * The image test's Dockerfile reader refuses what it cannot emulate faithfully, instead of
 * skipping it: a passing image test then means every step of the Dockerfile really ran.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDockerfile } from './support/dockerfile.js';
import { buildImage, ignoreFilter } from './support/image-build.js';

describe('Dockerfile emulation', () => {
  it('reads stages, flags, continuation lines and exec-form commands', () => {
    const stages = parseDockerfile('# c\nFROM node:20-slim AS build\nRUN a \\\n  && b\nFROM node:20-slim\nCOPY --from=build /app/x ./x\nCMD ["node", "x.js"]\n');
    expect(stages.map((s) => s.name)).toEqual(['build', undefined]);
    expect(stages[0]!.instructions[0]).toMatchObject({ op: 'RUN', args: 'a && b' });
    expect(stages[1]!.instructions[0]).toMatchObject({ op: 'COPY', flags: { from: 'build' }, args: '/app/x ./x' });
  });

  it.each([
    ['an instruction it does not run', 'FROM node:20\nVOLUME /data\n', /does not know how to run VOLUME/],
    ['a flag it does not apply', 'FROM node:20\nCOPY --chown=node a b\n', /does not know COPY --chown/],
  ])('refuses %s', (_what, text, error) => {
    expect(() => parseDockerfile(text)).toThrow(error);
  });

  it('applies .dockerignore patterns to folders and everything under them', () => {
    const ignored = ignoreFilter('**/node_modules\n.git\n**/*.log\n');
    expect(ignored('node_modules/x/index.js')).toBe(true);
    expect(ignored('apps/gateway/node_modules/undici/package.json')).toBe(true);
    expect(ignored('.git/HEAD')).toBe(true);
    expect(ignored('apps/x/debug.log')).toBe(true);
    expect(ignored('apps/gateway/src/main.ts')).toBe(false);
    expect(() => ignoreFilter('!keep')).toThrow(/cannot interpret/);
  });

  describe('on a small context', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'aigw-dockerfile-'));
      mkdirSync(path.join(dir, 'ctx/src/node_modules'), { recursive: true });
      writeFileSync(path.join(dir, 'ctx/src/a.txt'), 'a');
      writeFileSync(path.join(dir, 'ctx/src/node_modules/b.txt'), 'b');
      writeFileSync(path.join(dir, 'ctx/Dockerfile.dockerignore'), '**/node_modules\n');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const build = (text: string) => {
      writeFileSync(path.join(dir, 'ctx/Dockerfile'), text);
      return buildImage(path.join(dir, 'ctx/Dockerfile'), path.join(dir, 'ctx'), path.join(dir, 'out'));
    };

    it('copies through stages, leaving ignored files out, and runs RUN with the stage’s ENV in its WORKDIR', () => {
      const image = build(`FROM node:${process.versions.node.split('.')[0]}-slim AS b\nWORKDIR /w\nCOPY src ./src\nENV G=hi\nRUN echo "$G" > out.txt\nFROM node:${process.versions.node.split('.')[0]}-slim\nWORKDIR /app\nCOPY --from=b /w ./\nUSER node\nCMD ["node", "x"]\n`);
      expect(image).toMatchObject({ workdir: '/app', user: 'node', cmd: ['node', 'x'] });
      const app = path.join(image.root, 'app');
      expect(readFileSync(path.join(app, 'out.txt'), 'utf8')).toBe('hi\n');
      expect(existsSync(path.join(app, 'src/a.txt'))).toBe(true);
      expect(existsSync(path.join(app, 'src/node_modules'))).toBe(false);
    });

    it('fails on a failing RUN, a missing COPY source, another Node major, or an absolute path in RUN', () => {
      const major = process.versions.node.split('.')[0];
      expect(() => build(`FROM node:${major}\nRUN exit 3\n`)).toThrow(/failed \(3\)/);
      expect(() => build(`FROM node:${major}\nCOPY missing ./\n`)).toThrow(/does not exist/);
      expect(() => build(`FROM node:${Number(major) + 2}\n`)).toThrow(/stand-in is this machine's Node/);
      expect(() => build(`FROM node:${major}\nRUN rm -rf /app\n`)).toThrow(/absolute path/);
    });
  });
});
