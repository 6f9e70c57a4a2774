/**
 * The process entry. V8's memory settings first (runtime/apply-v8-memory-flags.ts), then
 * @nestjs/common without the ICU data its unused console loggers would map (~4.8 MB,
 * runtime/load-nest-common.ts), then the gateway itself (gateway-main.ts).
 *
 * The later steps are dynamic imports on purpose: Node loads and compiles every module of a
 * static import graph before the first module body runs, so with static imports the whole
 * gateway's code would be parsed, and the young generation grown by it, before the settings that
 * hold the young generation small during start-up (runtime/young-generation.ts) took effect.
 */
import './runtime/apply-v8-memory-flags.js';

await import('./runtime/load-nest-common.js');
await import('./gateway-main.js');
