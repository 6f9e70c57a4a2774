/**
 * A client that sends exactly what the Portkey Node SDK (`portkey-ai`) sends to a self-hosted
 * gateway. The SDK is not installed in this repository (the lockfile is shared), and its chat,
 * completions and embeddings calls are the OpenAI SDK underneath: it builds an OpenAI client
 * whose `apiKey` is the Portkey key (so `Authorization: Bearer <portkey key>` unless the caller
 * gives `Authorization`) and whose default headers are its own:
 *   - every constructor option as `x-portkey-<kebab-case>` (objects such as `config` as JSON),
 *     `Authorization` as `authorization` with `Bearer ` prefixed when missing;
 *   - `x-portkey-strict-open-ai-compliance: false` (its default), `x-portkey-package-version`,
 *     `x-portkey-runtime`, `x-portkey-runtime-version`.
 * Source: the SDK's public code (createHeaders, defaultHeadersBuilder, initOpenAIClient).
 */
import OpenAI from 'openai';

export interface PortkeySdkOptions {
  baseURL: string;
  apiKey: string;
  provider?: string;
  Authorization?: string;
  config?: Record<string, unknown> | string;
  virtualKey?: string;
  traceID?: string;
}

export function portkeySdkHeaders(options: PortkeySdkOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'x-portkey-api-key': options.apiKey,
    'x-portkey-strict-open-ai-compliance': 'false',
    'x-portkey-package-version': 'portkey-1.10.0',
    'x-portkey-runtime': 'node',
    'x-portkey-runtime-version': process.version,
  };
  if (options.provider) headers['x-portkey-provider'] = options.provider;
  if (options.virtualKey) headers['x-portkey-virtual-key'] = options.virtualKey;
  if (options.traceID) headers['x-portkey-trace-id'] = options.traceID;
  if (options.config) headers['x-portkey-config'] = typeof options.config === 'string' ? options.config : JSON.stringify(options.config);
  if (options.Authorization) headers.authorization = options.Authorization.startsWith('Bearer') ? options.Authorization : `Bearer ${options.Authorization}`;
  return headers;
}

/** `new Portkey({...})` as the gateway sees it. */
export function portkeySdkClient(options: PortkeySdkOptions): OpenAI {
  return new OpenAI({ apiKey: options.apiKey, baseURL: `${options.baseURL}/v1`, defaultHeaders: portkeySdkHeaders(options), maxRetries: 0 });
}
