/**
 * The playground's "send it for real": one call to the gateway's own API (/v1/…), authenticated
 * with a gateway API key the person pastes (never stored), not with the console session. Returns
 * what the answer says about routing (target, retries, overhead) next to the body.
 */
import { useMutation } from '@tanstack/react-query';

export interface SendInput {
  apiKey: string;
  path: string;
  body: Record<string, unknown>;
  /** A saved config id or a draft config's JSON, sent as x-portkey-config. */
  config: string;
  metadata?: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface SendResult {
  status: number;
  totalMs: number;
  target: string | null;
  retries: string | null;
  overheadMs: string | null;
  provider: string | null;
  traceId: string | null;
  configVersion: string | null;
  body: unknown;
}

export async function sendRequest(input: SendInput): Promise<SendResult> {
  const started = performance.now();
  const response = await fetch(input.path.startsWith('/v1/') ? input.path : `/v1${input.path}`, {
    method: 'POST',
    headers: {
      ...input.headers,
      'content-type': 'application/json',
      'x-portkey-api-key': input.apiKey,
      'x-portkey-config': input.config,
      ...(input.metadata && Object.keys(input.metadata).length ? { 'x-portkey-metadata': JSON.stringify(input.metadata) } : {}),
    },
    body: JSON.stringify(input.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a stream or plain text: shown as it came
  }
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    totalMs: Math.round(performance.now() - started),
    target: header('x-portkey-last-used-option-index'),
    retries: header('x-portkey-retry-attempt-count'),
    overheadMs: header('x-portkey-gateway-overhead-ms'),
    provider: header('x-portkey-provider'),
    traceId: header('x-portkey-trace-id'),
    configVersion: header('x-portkey-config-version'),
    body,
  };
}

export const useSendRequest = () => useMutation({ mutationFn: sendRequest, meta: { silent: true } });
