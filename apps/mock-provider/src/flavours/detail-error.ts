import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { hasBearer } from './openai-common.js';

type Json = Record<string, any>;

/** FastAPI-style `{"detail"}` errors (Voyage, Nomic, AI21). */
export function detailError(status: number, message?: string): Json {
  return { detail: message ?? (status === 401 ? 'Provided API key is invalid.' : `Mock error ${status}.`) };
}

/** Bearer auth for the `{"detail"}` providers: true, or a 401 already sent. */
export function authorized(ctx: RequestContext): boolean {
  if (hasBearer(ctx.req.headers.authorization)) return true;
  sendBody(ctx, 401, detailError(401));
  return false;
}
