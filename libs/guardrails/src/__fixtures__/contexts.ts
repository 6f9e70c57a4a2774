import type { CheckServices, HookContext, JsonObject } from '../types.js';

/** A before-request context whose last user turn is `text`. */
export function beforeCtx(text: string, extra: Partial<HookContext> = {}, body: JsonObject = {}): HookContext {
  return { event: 'beforeRequestHook', endpoint: 'chatComplete', provider: 'openai', request: { json: { model: 'gpt-4o', messages: [{ role: 'user', content: text }], ...body } }, metadata: {}, ...extra };
}

/** An after-request context whose answer is `text`. */
export function afterCtx(text: string): HookContext {
  return {
    event: 'afterRequestHook',
    endpoint: 'chatComplete',
    provider: 'openai',
    request: { json: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] } },
    response: { status: 200, json: { choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] } },
    metadata: {},
  };
}

export const noServices: CheckServices & { signal: AbortSignal } = {
  postJson: async () => {
    throw new Error('no network in unit tests');
  },
  signal: new AbortController().signal,
};
