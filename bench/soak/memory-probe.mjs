// Loaded into the gateway under soak with `node --import`: appends the process's own memory figures
// (heap included, which /proc cannot show from outside) to SOAK_MEMORY_FILE as JSON lines, so the
// gateway's code needs no hook for the soak. The timer is unref'd: it never keeps the process alive.
import { appendFileSync } from 'node:fs';

const file = process.env.SOAK_MEMORY_FILE;
const everyMs = Number(process.env.SOAK_SAMPLE_MS || 5000);

if (file) {
  const sample = () => {
    const m = process.memoryUsage();
    const line = { t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
    try {
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    } catch {
      // A full disk must not take the gateway down: the soak notices the missing samples instead.
    }
  };
  sample();
  setInterval(sample, everyMs).unref();
}
