/**
 * The process's one pino logger. JSON lines (one object per line, `traceId` on request lines) for
 * log collectors; in a terminal, short human-readable lines instead. LOG_FORMAT=json|pretty
 * overrides the guess, LOG_LEVEL sets the level (default info).
 *
 * What may be logged is decided where lines are written, not by redaction here: request lines
 * carry ids, never headers or bodies (keys and prompts stay out by construction).
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import { prettyStream } from './pretty-stream.js';

let shared: Logger | undefined;

export interface GatewayLogOptions {
  level?: string;
  pretty?: boolean;
  destination?: DestinationStream;
}

export function createGatewayLog(options: GatewayLogOptions = {}): Logger {
  const pretty = options.pretty ?? (process.env.LOG_FORMAT ? process.env.LOG_FORMAT === 'pretty' : process.stdout.isTTY === true);
  const level = options.level ?? (process.env.LOG_LEVEL || 'info');
  const destination = options.destination ?? (pretty ? prettyStream(process.stdout) : pino.destination(1));
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, destination);
}

/** The logger everything in this process shares (created on first use). */
export function gatewayLog(): Logger {
  shared ??= createGatewayLog();
  return shared;
}
