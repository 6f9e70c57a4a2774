import { ConsoleLogger } from '@nestjs/common';

/** Nest's start-up chatter (one line per module and route): useful when debugging, noise otherwise. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** The gateway's logger: warnings and errors always, info lines except Nest's start-up listing. */
export class QuietStartupLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && STARTUP_CONTEXTS.has(context) && process.env.LOG_LEVEL !== 'debug') return;
    super.log(message, context);
  }
}
