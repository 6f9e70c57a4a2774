/**
 * Reading `metadata.user_plan`, `params.model`, `url.pathname` from a request context. Two levels
 * only, like the reference (`metadata.a.b` reads `metadata["a"]`), and own properties only, so a
 * path can never reach into prototypes.
 */
import type { RouteContext } from './router.types.js';

export type ContextGetter = (ctx: RouteContext) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** Compiles a dotted key once; the getter runs per request. */
export function contextGetter(key: string): ContextGetter {
  const [root, field] = key.split('.');
  if (field === undefined) return () => undefined;
  switch (root) {
    case 'metadata':
      return (ctx) => own(ctx.metadata, field);
    case 'params':
      return (ctx) => own(ctx.params, field);
    case 'url':
      return (ctx) => own(ctx.url, field);
    default:
      return () => undefined;
  }
}

function own(source: unknown, field: string): unknown {
  if (typeof source !== 'object' || source === null) return undefined;
  return hasOwn.call(source, field) ? (source as Record<string, unknown>)[field] : undefined;
}
