import type { TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { azureAi } from './azure-ai.provider.js';

const FOUNDRY = 'https://contoso.services.ai.azure.com/models/';

function ctx(options: Record<string, unknown>, stream = false): TransformContext {
  return { endpoint: 'chatComplete', options: { provider: 'azure-ai', ...options }, stream, strictOpenAiCompliance: true };
}

describe('azure-ai (Azure AI Foundry model inference)', () => {
  it('builds the URL from the deployment endpoint, with api-version in the query', () => {
    const c = ctx({ azureFoundryUrl: FOUNDRY, apiVersion: '2024-05-01-preview' });
    expect(azureAi.baseUrl(c.options)).toBe('https://contoso.services.ai.azure.com/models');
    expect(azureAi.endpoints.chatComplete!.path({}, c)).toBe('/chat/completions?api-version=2024-05-01-preview');
    expect(azureAi.endpoints.embed!.path({}, c)).toBe('/embeddings?api-version=2024-05-01-preview');
  });

  it('sends the key as api-key, an Entra token as a bearer, and extra-parameters when asked', () => {
    expect(azureAi.headers(ctx({ apiKey: 'k1', azureExtraParams: 'pass-through' }))).toEqual({ 'api-key': 'k1', 'extra-parameters': 'pass-through' });
    expect(azureAi.headers(ctx({ apiKey: 'k1', azureAdToken: 'Bearer eyJ0' }))).toEqual({ authorization: 'Bearer eyJ0' });
  });

  it('refuses a target without an https endpoint URL (a custom host replaces it)', () => {
    expect(() => azureAi.baseUrl({ provider: 'azure-ai', apiKey: 'k' })).toThrow(UnsupportedRequestError);
    expect(() => azureAi.baseUrl({ provider: 'azure-ai', azureFoundryUrl: 'ftp://x' })).toThrow(UnsupportedRequestError);
    expect(azureAi.endpoints.chatComplete!.path({}, ctx({ customHost: 'http://127.0.0.1:9/models' }))).toBe('/chat/completions');
  });

  it('speaks OpenAI: the chat body goes as sent, and streams ask for usage', () => {
    const body = { model: 'Phi-4', messages: [{ role: 'user', content: 'hi' }], stream: true };
    expect(azureAi.endpoints.chatComplete!.request!(body, ctx({ azureFoundryUrl: FOUNDRY }, true))).toEqual({ ...body, stream_options: { include_usage: true } });
    expect(azureAi.endpoints.chatComplete!.response).toBeUndefined();
    expect(azureAi.endpoints.chatComplete!.stream).toBeUndefined();
  });

  it('maps an Azure error body to the unified shape', () => {
    const error = azureAi.error(400, { error: { code: 'Invalid input', message: 'Extra parameters are not allowed', status: 400 } }, ctx({}));
    expect(error.provider).toBe('azure-ai');
    expect(error.error.message).toBe('azure-ai error: Extra parameters are not allowed');
  });
});
