/**
 * Human-readable log lines for a terminal (pino-pretty is not a dependency): `12:00:01.123 INFO
 * [Context] message key=value …`. Only used when stdout is a TTY or LOG_FORMAT=pretty.
 */
import type { DestinationStream } from 'pino';

const COLOURS: Record<string, string> = { trace: '90', debug: '36', info: '32', warn: '33', error: '31', fatal: '35' };
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'context']);

export function formatPretty(line: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = String(entry.level ?? 'info');
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const tag = level.toUpperCase().padEnd(5);
  const shown = colour ? `\u001b[${COLOURS[level] ?? '0'}m${tag}\u001b[0m` : tag;
  const context = entry.context ? ` [${String(entry.context)}]` : '';
  const fields = Object.entries(entry)
    .filter(([key, value]) => !SKIP.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time} ${shown}${context} ${String(entry.msg ?? '')}${fields ? ` ${fields}` : ''}\n`;
}

export function prettyStream(out: NodeJS.WriteStream): DestinationStream {
  const colour = out.isTTY === true && !process.env.NO_COLOR;
  return { write: (line: string) => void out.write(formatPretty(line, colour)) };
}
