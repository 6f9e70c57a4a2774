import { checkProviderRequirements, createVirtualKeySchema } from './virtual-key.schema.js';

describe('virtual key input', () => {
  it('accepts an OpenAI key and applies defaults', () => {
    const parsed = createVirtualKeySchema.parse({ name: 'prod', provider: 'openai', secret: { apiKey: 'sk-x' } });
    expect(parsed.settings).toEqual({});
    expect(checkProviderRequirements(parsed.provider, parsed.secret, parsed.settings)).toBeUndefined();
  });

  it('names the missing field per provider', () => {
    expect(checkProviderRequirements('openai', {}, {})?.field).toBe('secret.apiKey');
    expect(checkProviderRequirements('azure-openai', { apiKey: 'k' }, { resourceName: 'r', apiVersion: 'v' })?.field).toBe(
      'settings.deploymentId',
    );
    expect(checkProviderRequirements('bedrock', { awsAccessKeyId: 'a', awsSecretAccessKey: 'b' }, {})?.field).toBe('settings.awsRegion');
    expect(checkProviderRequirements('vertex-ai', {}, { vertexRegion: 'us-central1', vertexProjectId: 'p' })?.field).toBe(
      'secret.vertexServiceAccountJson',
    );
    expect(checkProviderRequirements('ollama', {}, {})?.field).toBe('settings.customHost');
    expect(checkProviderRequirements('ollama', {}, { customHost: 'http://localhost:11434' })).toBeUndefined();
  });

  it('parses a service account given as JSON text', () => {
    const parsed = createVirtualKeySchema.parse({
      name: 'vertex',
      provider: 'vertex-ai',
      secret: { vertexServiceAccountJson: JSON.stringify({ client_email: 'a@b.iam', private_key: 'k', type: 'service_account' }) },
      settings: { vertexRegion: 'us-central1' },
    });
    expect(parsed.secret.vertexServiceAccountJson).toMatchObject({ client_email: 'a@b.iam' });
  });

  it('rejects unknown fields and bad hosts', () => {
    expect(createVirtualKeySchema.safeParse({ name: 'x', provider: 'openai', secret: { apiKey: 'k', extra: 1 } }).success).toBe(false);
    expect(createVirtualKeySchema.safeParse({ name: 'x', provider: 'openai', settings: { customHost: 'ftp://x' } }).success).toBe(false);
    expect(createVirtualKeySchema.safeParse({ name: 'x', provider: 'Open AI' }).success).toBe(false);
  });
});
