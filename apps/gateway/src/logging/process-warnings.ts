/**
 * Node prints process warnings (deprecations from a dependency, experimental features) to stderr
 * as plain text, which breaks "every line is one JSON object" for log collectors. They go through
 * the gateway's logger instead, as warn lines with their name and code; the stack only at debug
 * level (it names files, never request data).
 */
import type { Logger } from 'pino';

export function routeProcessWarnings(log: Logger): void {
  // Node's own printer is a 'warning' listener installed at start-up; ours replaces it.
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error & { code?: string }) => {
    log.warn({ context: 'Process', warning: warning.name, code: warning.code }, warning.message);
    log.debug({ context: 'Process', stack: warning.stack }, 'warning stack');
  });
}
