import type { TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { azureOpenai } from './azure-openai.provider.js';

const ctx = (options: Record<string, unknown>, stream = false): TransformContext => ({
  endpoint: 'chatComplete',
  options: { provider: 'azure-openai', ...options },
  stream,
  strictOpenAiCompliance: true,
});

describe('Azure OpenAI', () => {
  const chat = azureOpenai.endpoints.chatComplete!;

  it('builds the classic deployment URL with the api-version', () => {
    const c = ctx({ resourceName: 'contoso', deploymentId: 'gpt4o', apiVersion: '2024-10-21' });
    expect(azureOpenai.baseUrl(c.options)).toBe('https://contoso.openai.azure.com/openai');
    expect(chat.path({}, c)).toBe('/deployments/gpt4o/chat/completions?api-version=2024-10-21');
    expect(azureOpenai.endpoints.embed!.path({}, c)).toBe('/deployments/gpt4o/embeddings?api-version=2024-10-21');
  });

  it('uses the v1 API with the deployment as the model when api_version is v1', () => {
    const c = ctx({ resourceName: 'contoso', deploymentId: 'gpt4o', apiVersion: 'v1' });
    expect(chat.path({}, c)).toBe('/v1/chat/completions');
    expect(chat.request!({ model: 'gpt-4o', messages: [] }, c)).toMatchObject({ model: 'gpt4o' });
  });

  it('refuses a classic request without a deployment id, clearly', () => {
    expect(() => chat.path({}, ctx({ resourceName: 'contoso' }))).toThrow(UnsupportedRequestError);
  });

  it('authenticates with api-key, or a bearer Entra token', () => {
    expect(azureOpenai.headers(ctx({ apiKey: 'k' }))).toEqual({ 'api-key': 'k' });
    expect(azureOpenai.headers(ctx({ apiKey: 'k', azureAdToken: 'Bearer eyJ' }))).toEqual({ authorization: 'Bearer eyJ' });
  });

  it('asks for stream usage and maps Azure errors', () => {
    const c = ctx({ deploymentId: 'd' }, true);
    expect(chat.request!({ messages: [], stream: true }, c)).toMatchObject({ stream_options: { include_usage: true } });
    const body = { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } };
    expect(azureOpenai.error(404, body, c)).toEqual({
      error: { message: 'azure-openai error: The API deployment for this resource does not exist.', type: null, param: null, code: 'DeploymentNotFound' },
      provider: 'azure-openai',
    });
  });
});
