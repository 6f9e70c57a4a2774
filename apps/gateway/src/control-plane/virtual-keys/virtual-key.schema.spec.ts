import { secretHint } from './virtual-key.codec.js';
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

  it('stores the settings of the newer providers and names what each still needs', () => {
    const oracle = createVirtualKeySchema.parse({
      name: 'oci',
      provider: 'oracle',
      secret: { oraclePrivateKey: '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----' },
      settings: { oracleTenancy: 't', oracleUser: 'u', oracleFingerprint: 'f', oracleRegion: 'us-chicago-1' },
    });
    expect(checkProviderRequirements('oracle', oracle.secret, oracle.settings)?.field).toBe('settings.oracleCompartmentId');
    expect(checkProviderRequirements('oracle', oracle.secret, { ...oracle.settings, oracleCompartmentId: 'c' })).toBeUndefined();
    expect(checkProviderRequirements('watsonx', { apiKey: 'k' }, {})?.field).toBe('settings.watsonxProjectId');
    expect(checkProviderRequirements('watsonx', { apiKey: 'k' }, { watsonxSpaceId: 's' })).toBeUndefined();
    expect(checkProviderRequirements('azure-ai', { apiKey: 'k' }, {})?.field).toBe('settings.azureFoundryUrl');
    expect(checkProviderRequirements('azure-ai', { apiKey: 'k' }, { azureFoundryUrl: 'https://x.services.ai.azure.com/models' })).toBeUndefined();
    expect(checkProviderRequirements('sagemaker', { awsAccessKeyId: 'a', awsSecretAccessKey: 's' }, {})?.field).toBe('settings.awsRegion');
    expect(checkProviderRequirements('tgi', {}, {})?.field).toBe('settings.customHost');
    expect(() => createVirtualKeySchema.parse({ name: 'a', provider: 'azure-ai', settings: { azureFoundryUrl: 'http://x' } })).toThrow();
    // The list view shows what kind of secret is stored, never a fragment of a private key.
    expect(secretHint(oracle.secret)).toBe('OCI signing key');
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
