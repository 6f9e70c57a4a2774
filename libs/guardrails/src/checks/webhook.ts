import type { CheckFunction, JsonObject } from '../types.js';

/**
 * Asks a user's service: POSTs the event (request, response, metadata) to `webhookURL` and takes
 * its `verdict`. A `transformedData.request.json` / `.response.json` in the answer rewrites the
 * event's JSON, as the reference's webhooks may. The call goes through the services the gateway
 * supplies (its upstream client, so the egress policy applies); the runner bounds it with `timeout`.
 */
export const webhook: CheckFunction = async (ctx, p, services) => {
  const headers = typeof p.headers === 'object' && p.headers ? (p.headers as Record<string, string>) : {};
  const body = { eventType: ctx.event, endpoint: ctx.endpoint, provider: ctx.provider, metadata: ctx.metadata, request: ctx.request, response: ctx.response ?? null };
  const answer = await services.postJson(String(p.webhookURL), body, headers, services.signal);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`the webhook answered HTTP ${answer.status}`);
  const json = (answer.json && typeof answer.json === 'object' ? answer.json : {}) as JsonObject;
  if (typeof json.verdict !== 'boolean') throw new Error('the webhook answer has no boolean "verdict"');
  const data = json.transformedData as { request?: { json?: JsonObject }; response?: { json?: JsonObject } } | undefined;
  const transformed = ctx.event === 'afterRequestHook' ? data?.response?.json : data?.request?.json;
  return { verdict: json.verdict, data: json.data ?? null, explanation: `the webhook answered ${json.verdict}`, ...(transformed ? { transformed } : {}) };
};
