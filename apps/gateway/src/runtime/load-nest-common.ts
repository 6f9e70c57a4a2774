/**
 * Loads @nestjs/common before anything else does, with its two load-time `Intl.DateTimeFormat`s
 * deferred (deferred-date-time-format.ts: ~4.8 MB of ICU data the gateway's pino logs never need).
 * Imported by main.ts right after the V8 settings: its top-level await makes the modules main.ts
 * imports next wait for it, and they get this same, already evaluated @nestjs/common. If Nest's
 * console logger is ever used (a crash before pino is set up), its timestamps still work: the real
 * formatter is built for the first one.
 */
import { withDeferredDateTimeFormat } from './deferred-date-time-format.js';

await withDeferredDateTimeFormat(() => import('@nestjs/common'));
