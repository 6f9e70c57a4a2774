/**
 * SIGTERM / SIGINT, the way orchestrators stop a replica: stop accepting connections at once (a
 * load balancer moves on), let requests and streams in flight finish, and at the grace deadline
 * end the streams still running with an error event and close what is left. Then Nest's shutdown
 * hooks run in order (the request-log queue is flushed, the pool closed, the embedded Postgres
 * stopped), and the process exits 0. A second signal exits at once.
 */
import type { Server } from 'node:http';
import type { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { endActiveStreams } from '../streaming/active-streams.js';

export function installGracefulShutdown(app: NestFastifyApplication, graceMs: number, logger: Pick<Logger, 'log' | 'warn' | 'error'>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: no new connections; finishing requests in flight (up to ${graceMs} ms)`);
    const server = app.getHttpServer() as Server;
    const deadline = setTimeout(() => {
      const streams = endActiveStreams();
      logger.warn(`shutdown deadline reached: ended ${streams} stream(s) still running`);
      // The ended streams write their error event and close; whatever still hangs is cut.
      setTimeout(() => server.closeAllConnections(), 500).unref();
    }, graceMs);
    deadline.unref();
    // A shutdown hook stuck on a service that went away (a database, Redis) must not keep the
    // process from exiting: after the grace period and the log flush's own deadline, exit anyway.
    setTimeout(() => {
      logger.error('shutdown did not finish in time: exiting');
      process.exit(1);
    }, graceMs + 15_000).unref();
    app.close().then(
      () => {
        clearTimeout(deadline);
        logger.log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
