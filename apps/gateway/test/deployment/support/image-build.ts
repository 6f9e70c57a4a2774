/**
 * Runs a Dockerfile's stages without a container engine: each stage's filesystem is a folder
 * standing in for the image's root, COPY copies from the build context (filtered by the
 * Dockerfile's .dockerignore) or from an earlier stage's folder, RUN runs `sh -c` in the stand-in
 * WORKDIR with the stage's ENV. The base image is stood in by this machine's Node, so FROM must
 * name the same Node major version.
 *
 * What differs from `docker build`, on purpose: RUN gets `npm_config_offline=true`, so npm installs
 * from the npm cache (filled by the `npm ci` before the tests) and the test never reaches the
 * network; RUN commands may not name absolute paths (they would escape the stand-in root).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Instruction, parseDockerfile, parseEnv, parseExec } from './dockerfile.js';

/** The PATH of the official node images: the RUN steps see no tool the image would not have. */
export const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface BuiltImage {
  /** The final stage's stand-in root. */
  root: string;
  /** WORKDIR of the final stage, inside the image (e.g. /app). */
  workdir: string;
  env: Record<string, string>;
  user?: string;
  cmd: string[];
  healthcheck?: string[];
  exposed: number[];
  /** One line per step run, for failure messages. */
  steps: string[];
}

/** .dockerignore lines as path tests: `name`, `dir/name`, `**` and `*`; anything else is refused. */
export function ignoreFilter(text: string): (relative: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => {
      if (/[!?[\]\\]/.test(p)) throw new Error(`.dockerignore pattern the image test cannot interpret: ${p}`);
      const body = p
        .replace(/^\/+|\/+$/g, '')
        .split('/')
        .map((seg) => (seg === '**' ? '\u0000' : seg.replace(/[.+^${}()|]/g, '\\$&').replace(/\*/g, '[^/]*')))
        .join('/')
        .replace(/\u0000\//g, '(?:.*/)?')
        .replace(/\u0000/g, '.*');
      return new RegExp(`^${body}$`);
    });
  // Excluding a folder excludes everything under it.
  return (relative) => {
    const parts = relative.split('/');
    return parts.some((_, i) => patterns.some((re) => re.test(parts.slice(0, i + 1).join('/'))));
  };
}

export function buildImage(dockerfile: string, context: string, scratch: string, log: (line: string) => void = () => undefined): BuiltImage {
  const stages = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  const ignoreFile = `${dockerfile}.dockerignore`;
  const ignored = existsSync(ignoreFile) ? ignoreFilter(readFileSync(ignoreFile, 'utf8')) : () => false;
  const hostMajor = process.versions.node.split('.')[0];
  const roots = new Map<string, string>();
  const steps: string[] = [];
  let result: BuiltImage | undefined;

  stages.forEach((stage, index) => {
    const image = /^node:(\d+)(-[a-z0-9.-]+)?$/.exec(stage.image);
    if (!image || image[1] !== hostMajor) throw new Error(`FROM ${stage.image}: the stand-in is this machine's Node ${process.versions.node}`);
    const root = path.join(scratch, `stage-${index}`);
    mkdirSync(root, { recursive: true, mode: 0o755 });
    if (stage.name) roots.set(stage.name, root);
    const state: BuiltImage = { root, workdir: '/', env: {}, cmd: [], exposed: [], steps };
    const inRoot = (p: string) => path.join(root, path.posix.resolve(state.workdir, p));

    for (const ins of stage.instructions) {
      const step = `stage ${stage.name ?? index} line ${ins.line}: ${ins.op} ${ins.args}`;
      steps.push(step);
      log(step);
      run(ins, state, { root, inRoot, context, ignored, roots });
    }
    result = state;
  });
  return result!;
}

interface StepContext {
  root: string;
  inRoot(p: string): string;
  context: string;
  ignored(relative: string): boolean;
  roots: Map<string, string>;
}

function run(ins: Instruction, state: BuiltImage, ctx: StepContext): void {
  switch (ins.op) {
    case 'WORKDIR':
      state.workdir = path.posix.resolve(state.workdir, ins.args);
      mkdirSync(ctx.inRoot('.'), { recursive: true, mode: 0o755 });
      return;
    case 'ENV':
      Object.assign(state.env, parseEnv(ins.args, ins.line));
      return;
    case 'USER':
      state.user = ins.args;
      return;
    case 'EXPOSE':
      state.exposed.push(...ins.args.split(/\s+/).map((p) => Number(p.replace(/\/tcp$/, ''))));
      return;
    case 'CMD':
      state.cmd = parseExec(ins.args, ins.line);
      return;
    case 'HEALTHCHECK': {
      const m = /^CMD\s+(.*)$/.exec(ins.args);
      if (!m) throw new Error(`line ${ins.line}: expected HEALTHCHECK [options] CMD [...]`);
      state.healthcheck = parseExec(m[1]!, ins.line);
      return;
    }
    case 'COPY':
      return copy(ins, ctx);
    case 'RUN': {
      if (/(^|\s)\//.test(ins.args)) throw new Error(`line ${ins.line}: RUN with an absolute path cannot run in the stand-in root: ${ins.args}`);
      const r = spawnSync('sh', ['-c', ins.args], {
        cwd: ctx.inRoot('.'),
        env: { PATH: IMAGE_PATH, HOME: process.env.HOME ?? '/root', npm_config_offline: 'true', ...state.env },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const missing = /ENOTCACHED[\s\S]*?request to \S+\/([^/\s]+) failed/.exec(r.stderr ?? '');
      if (r.status !== 0 && missing) {
        throw new Error(`line ${ins.line}: RUN ${ins.args}: the npm cache lacks ${missing[1]} (and maybe more) from the lockfile. This test installs offline; run \`npm ci\` once first (CI does), then again.`);
      }
      if (r.status !== 0) throw new Error(`line ${ins.line}: RUN ${ins.args} failed (${r.status ?? r.signal}):\n${`${r.stdout}\n${r.stderr}`.slice(-4000)}`);
      return;
    }
  }
}

function copy(ins: Instruction, ctx: StepContext): void {
  if (ins.args.startsWith('[') || /[*?]/.test(ins.args)) throw new Error(`line ${ins.line}: the image test copies plain paths only: ${ins.args}`);
  const words = ins.args.split(/\s+/);
  const dest = words.pop()!;
  const from = ins.flags.from;
  const sourceRoot = from === undefined ? ctx.context : ctx.roots.get(from);
  if (!sourceRoot) throw new Error(`line ${ins.line}: no stage named ${from}`);
  const toDir = dest.endsWith('/') || words.length > 1;
  for (const source of words) {
    // From the context: relative to it; from a stage: an absolute path in that stage's root.
    const src = from === undefined ? path.join(sourceRoot, source) : path.join(sourceRoot, path.posix.resolve('/', source));
    if (from === undefined && ctx.ignored(path.relative(ctx.context, src))) throw new Error(`line ${ins.line}: ${source} is excluded by the .dockerignore`);
    if (!existsSync(src)) throw new Error(`line ${ins.line}: COPY source ${source} does not exist${from ? ` in stage ${from}` : ' in the build context'}`);
    const target = ctx.inRoot(toDir && !statSync(src).isDirectory() ? path.posix.join(dest, path.basename(source)) : dest);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    cpSync(src, target, {
      recursive: true,
      verbatimSymlinks: true, // workspace links in node_modules stay relative links, as COPY keeps them
      filter: from === undefined ? (file) => !ctx.ignored(path.relative(ctx.context, file)) : undefined,
    });
  }
}
