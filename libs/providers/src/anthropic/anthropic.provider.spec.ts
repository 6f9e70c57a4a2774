import type { TransformContext } from '../core/types.js';
import { anthropic } from './anthropic.provider.js';

function ctx(options: Record<string, unknown> = {}, overrides: Partial<TransformContext> = {}): TransformContext {
  return { endpoint: 'chatComplete', options: { provider: 'anthropic', ...options }, stream: false, strictOpenAiCompliance: true, ...overrides };
}

describe('anthropic provider', () => {
  it('identifies itself and cuts the URL where the reference does', () => {
    expect(anthropic.id).toBe('anthropic');
    expect(anthropic.displayName).toBe('Anthropic');
    expect(anthropic.baseUrl({ provider: 'anthropic' })).toBe('https://api.anthropic.com/v1');
    expect(anthropic.endpoints.chatComplete?.path({}, ctx())).toBe('/messages');
    expect(anthropic.endpoints.complete?.path({}, ctx({}, { endpoint: 'complete' }))).toBe('/complete');
    expect(anthropic.endpoints.chatComplete?.stream?.framing).toBe('sse');
    expect(anthropic.endpoints.complete?.stream?.framing).toBe('sse');
  });

  it('sends the key, the default API version, and no beta unless asked', () => {
    expect(anthropic.headers(ctx({ apiKey: 'sk-ant-api03-test' }))).toEqual({ 'x-api-key': 'sk-ant-api03-test', 'anthropic-version': '2023-06-01' });
  });

  it('uses the configured version and beta', () => {
    expect(anthropic.headers(ctx({ apiKey: 'k', anthropicVersion: '2024-01-01', anthropicBeta: 'prompt-caching-2024-07-31,files-api-2025-04-14' }))).toEqual({
      'x-api-key': 'k',
      'anthropic-version': '2024-01-01',
      'anthropic-beta': 'prompt-caching-2024-07-31,files-api-2025-04-14',
    });
  });

  it('omits x-api-key when no key is configured', () => {
    expect(anthropic.headers(ctx())).not.toHaveProperty('x-api-key');
  });

  it('wires the chat transforms end to end', () => {
    const chat = anthropic.endpoints.chatComplete!;
    const request = chat.request!({ model: 'claude-sonnet-4-5-20250929', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }, ctx());
    expect(request).toMatchObject({ system: [{ type: 'text', text: 'Be brief.' }], max_tokens: 4096 });
    const response = chat.response!(
      { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'Hello' }], stop_reason: 'end_turn', usage: { input_tokens: 3, output_tokens: 1 } },
      { ...ctx(), model: 'claude-sonnet-4-5-20250929' },
    );
    expect(response).toMatchObject({ id: 'msg_1', object: 'chat.completion', choices: [{ message: { content: 'Hello' }, finish_reason: 'stop' }] });
  });

  it('maps upstream errors to the unified error', () => {
    expect(anthropic.error(404, { type: 'error', error: { type: 'not_found_error', message: 'model: claude-9' } }, ctx())).toEqual({
      error: { message: 'anthropic error: model: claude-9', type: 'not_found_error', param: null, code: null },
      provider: 'anthropic',
    });
  });
});
