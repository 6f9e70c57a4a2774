/**
 * The young generation (V8's new space) is kept at its initial size while the gateway starts, and
 * allowed to grow (up to `--max-semi-space-size`, runtime-flags.json) once it serves.
 *
 * Why: loading and wiring the modules keeps most of what it allocates, and V8 doubles the new space
 * after every scavenge that sees that much survive, so start-up alone grew it to its 2 × 8 MB
 * maximum; those pages stayed resident in a gateway that had not served a request yet (RSS after
 * start 117–123 MB with it, 104–111 MB without; BENCHMARKS.md, "Memory"). Under load the new space
 * still grows to its maximum, where it saves scavenges. V8 reads the growth factor each time it
 * grows the new space, so setting it at run time takes effect at once.
 */
import { setFlagsFromString } from 'node:v8';

/** Growth factor 1: a "grown" new space has the size it had. */
export const HOLD_FLAG = '--semi-space-growth-factor=1';
/** V8's default factor: the new space doubles, up to its maximum. */
export const RELEASE_FLAG = '--semi-space-growth-factor=2';

/** From now on the new space stays at its current size (called first thing in main.ts). */
export function holdYoungGeneration(): void {
  setFlagsFromString(HOLD_FLAG);
}

/** Back to V8's default growth, once the gateway is ready to serve. */
export function releaseYoungGeneration(): void {
  setFlagsFromString(RELEASE_FLAG);
}
