import { Writable } from 'node:stream';
import { createGatewayLog } from './gateway-log.js';
import { routeProcessWarnings } from './process-warnings.js';

describe('process warnings', () => {
  const before = process.listeners('warning');
  afterEach(() => {
    process.removeAllListeners('warning');
    for (const listener of before) process.on('warning', listener);
  });

  it('are written as JSON warn lines by the gateway logger, not as text by Node', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    routeProcessWarnings(createGatewayLog({ pretty: false, destination }));
    expect(process.listenerCount('warning')).toBe(1); // Node's printer is gone
    // What process.emitWarning delivers (emitted directly: Jest's sandboxed process object does not
    // relay the real process's asynchronous warning event).
    const warning = Object.assign(new Error('Calling client.query() when the client is already executing a query is deprecated'), { name: 'DeprecationWarning', code: 'PG-TEST' });
    process.emit('warning', warning);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'warn', context: 'Process', warning: 'DeprecationWarning', code: 'PG-TEST', msg: expect.stringMatching(/already executing a query/) }),
    ]);
  });
});
