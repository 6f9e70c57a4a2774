/** Shared helpers of the response-cache tests: one call through the gateway, read whole. */
export interface CallResult {
  status: number;
  cache: string | null;
  provider: string | null;
  json: any;
  text: string;
}

export async function call(
  gatewayUrl: string,
  path: string,
  config: unknown,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config), ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, cache: response.headers.get('x-portkey-cache-status'), provider: response.headers.get('x-portkey-provider'), json, text };
}

/** The `data:` payloads of an SSE body, `[DONE]` included. */
export function sseData(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6));
}

export function chat(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'client-model', messages: [{ role: 'user', content }], max_tokens: 32, ...extra };
}
