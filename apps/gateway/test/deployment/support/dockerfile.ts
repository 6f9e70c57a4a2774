/**
 * A Dockerfile parser for the image test: stages and their instructions, for the subset our
 * Dockerfile uses. Anything outside that subset (another instruction, shell-form CMD, a flag, a
 * quoted ENV) is an error rather than a guess, so the emulation never silently differs from what
 * `docker build` would do.
 */
export interface Instruction {
  op: 'WORKDIR' | 'COPY' | 'RUN' | 'ENV' | 'USER' | 'EXPOSE' | 'HEALTHCHECK' | 'CMD';
  /** The text after the instruction and its flags, continuation lines joined. */
  args: string;
  flags: Record<string, string>;
  line: number;
}

export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

const FLAGS: Record<string, string[]> = {
  COPY: ['from'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'retries'],
};

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\')) line = `${line.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    const [, word, rest0] = /^(\S+)\s*(.*)$/.exec(line)!;
    const op = word!.toUpperCase();
    let rest = rest0!;
    if (op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!m) throw new Error(`line ${start}: cannot read FROM ${rest}`);
      stages.push({ image: m[1]!, name: m[2], instructions: [] });
      continue;
    }
    if (!['WORKDIR', 'COPY', 'RUN', 'ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'CMD'].includes(op)) {
      throw new Error(`line ${start}: the image test does not know how to run ${op}`);
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`line ${start}: ${op} before FROM`);
    const flags: Record<string, string> = {};
    for (let m = /^--([a-z-]+)=(\S+)\s+/.exec(rest); m; m = /^--([a-z-]+)=(\S+)\s+/.exec(rest)) {
      if (!FLAGS[op]?.includes(m[1]!)) throw new Error(`line ${start}: the image test does not know ${op} --${m[1]}`);
      flags[m[1]!] = m[2]!;
      rest = rest.slice(m[0].length);
    }
    stage.instructions.push({ op: op as Instruction['op'], args: rest, flags, line: start });
  }
  if (stages.length === 0) throw new Error('no FROM in the Dockerfile');
  return stages;
}

/** `ENV A=1 B=two`: unquoted key=value pairs only. */
export function parseEnv(args: string, line: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of args.split(/\s+/)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([^"'\s]*)$/.exec(pair);
    if (!m) throw new Error(`line ${line}: the image test reads ENV only as unquoted KEY=value pairs, not "${pair}"`);
    env[m[1]!] = m[2]!;
  }
  return env;
}

/** CMD and HEALTHCHECK CMD in exec form (a JSON array): what runs is exactly what is written. */
export function parseExec(args: string, line: number): string[] {
  let argv: unknown;
  try {
    argv = JSON.parse(args);
  } catch {
    throw new Error(`line ${line}: expected exec form (a JSON array), got ${args}`);
  }
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) throw new Error(`line ${line}: expected a JSON array of strings`);
  return argv as string[];
}
