/**
 * RequestLogEntry (as the request path hands it over) → a row for `request_logs`: cost added,
 * numbers made integers, ids that are not UUIDs dropped (one bad value must not sink a batch),
 * bodies parsed when they are JSON text and capped in size.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import type { RequestLogEntry } from '../control-plane.port.js';
import type { PricingTable } from './pricing.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_BODY_CHARS = 256 * 1024;
const MAX_TEXT = 2_000;

function int(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : Math.max(0, Math.round(value));
}

function uuid(value: string | undefined): string | undefined {
  return value && UUID.test(value) ? value : undefined;
}

function text(value: string | undefined, max = MAX_TEXT): string | undefined {
  return value === undefined ? undefined : value.length > max ? `${value.slice(0, max)}…` : value;
}

/** JSON for a jsonb column: parsed when it is JSON text, truncated text when too large. */
export function bodyJson(body: unknown): Prisma.InputJsonValue | undefined {
  if (body === undefined || body === null) return undefined;
  let serialized: string;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    serialized = body.toString();
    if (serialized.length <= MAX_BODY_CHARS) {
      try {
        return JSON.parse(serialized) as Prisma.InputJsonValue;
      } catch {
        return serialized;
      }
    }
  } else {
    try {
      serialized = JSON.stringify(body);
    } catch {
      return undefined;
    }
    if (serialized.length <= MAX_BODY_CHARS) return JSON.parse(serialized) as Prisma.InputJsonValue;
  }
  return { truncated: true, originalChars: serialized.length, text: serialized.slice(0, MAX_BODY_CHARS) };
}

/** Statuses of answers served from the response cache, not bought from a provider. */
export function isCacheHit(cacheStatus: string | null | undefined): boolean {
  return cacheStatus === 'HIT' || cacheStatus === 'SEMANTIC HIT';
}

export function toRequestLogRow(entry: RequestLogEntry, pricing: PricingTable): Prisma.RequestLogCreateManyInput {
  const promptTokens = int(entry.promptTokens);
  const completionTokens = int(entry.completionTokens);
  const cachedTokens = int(entry.cachedTokens);
  // A provider that bills other counts than it processed (Cohere) is priced on what it bills.
  const billed = entry.billedPromptTokens !== undefined || entry.billedCompletionTokens !== undefined;
  const priced = billed ? { promptTokens: int(entry.billedPromptTokens) ?? 0, completionTokens: int(entry.billedCompletionTokens) ?? 0 } : { promptTokens, completionTokens, cachedTokens };
  // A cache hit cost nothing: its tokens are what the stored answer reports (the cost it saved).
  const cost = isCacheHit(entry.cacheStatus) ? 0 : pricing.cost(entry.provider, entry.model, priced);
  const metadata = entry.metadata ? bodyJson(entry.metadata) : undefined;
  return {
    createdAt: entry.createdAt instanceof Date && !Number.isNaN(entry.createdAt.getTime()) ? entry.createdAt : new Date(),
    traceId: text(entry.traceId, 200) ?? '',
    workspaceId: uuid(entry.workspaceId),
    apiKeyId: uuid(entry.apiKeyId),
    virtualKeySlug: text(entry.virtualKeySlug, 200),
    configId: text(entry.configId, 200),
    configVersion: int(entry.configVersion),
    provider: text(entry.provider, 100),
    model: text(entry.model, 200),
    method: text(entry.method, 16) ?? 'POST',
    path: text(entry.path, 500) ?? '',
    status: int(entry.status) ?? 0,
    latencyMs: int(entry.latencyMs) ?? 0,
    ttfbMs: int(entry.ttfbMs),
    gatewayOverheadMs: int(entry.gatewayOverheadMs),
    // -1 is meaningful (every attempt failed on a retriable status), so no clamping here.
    retryCount: Number.isFinite(entry.retryCount) ? Math.round(entry.retryCount) : 0,
    targetPath: text(entry.targetPath, 200),
    cacheStatus: text(entry.cacheStatus, 32),
    promptTokens,
    completionTokens,
    cachedTokens,
    costUsd: cost,
    stream: Boolean(entry.stream),
    errorMessage: text(entry.errorMessage),
    metadata,
    requestBody: bodyJson(entry.requestBody),
    responseBody: bodyJson(entry.responseBody),
    hookResults: bodyJson(entry.hookResults),
    // Built by the gateway from a bounded set of attempts: small, no cap needed.
    attempts: entry.attempts as Prisma.InputJsonValue | undefined,
  };
}
