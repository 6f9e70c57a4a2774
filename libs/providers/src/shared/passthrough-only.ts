import type { ProviderAdapter, ProviderOptions } from '../core/types.js';
import { unifiedError } from './errors.js';

/**
 * Providers the gateway relays but does not translate: vector databases (Qdrant, Milvus), 3D
 * generators (Meshy, Tripo3D), SageMaker endpoints. They serve no unified endpoint; clients call
 * their own API through the `/v1/*` passthrough, which routing, retries, logs and keys still cover.
 */
export interface PassthroughOnlySpec {
  id: string;
  displayName: string;
  /** Undefined: a custom host is required (self-hosted). */
  baseUrl: (options: ProviderOptions) => string | undefined;
  auth: (options: ProviderOptions) => Record<string, string>;
}

export function passthroughOnly(spec: PassthroughOnlySpec): ProviderAdapter {
  return {
    id: spec.id,
    displayName: spec.displayName,
    baseUrl: spec.baseUrl,
    headers: (ctx) => spec.auth(ctx.options),
    endpoints: {},
    error: (status, body) => unifiedError(spec.id, status, body),
  };
}

export function bearer(options: ProviderOptions): Record<string, string> {
  return options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
}
