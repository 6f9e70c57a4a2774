/**
 * Nest's LoggerService over pino, so every `new Logger(context)` in the gateway writes structured
 * lines. Nest's start-up listing (one line per module and route) stays quiet unless LOG_LEVEL=debug.
 */
import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    if (context && STARTUP_CONTEXTS.has(context)) return void this.pino.debug({ context }, String(message));
    this.pino.info({ context }, String(message));
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    this.pino.error({ context, stack }, message instanceof Error ? message.message : String(message));
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
