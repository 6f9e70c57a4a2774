import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ProviderOptions, ResponseContext, StreamContext, TransformContext } from '../../core/types.js';

export const OPTIONS: ProviderOptions = { provider: 'vertex-ai', vertexRegion: 'us-central1', vertexProjectId: 'acme-ml', apiKey: 'ya29.access-token' };

export function ctx(overrides: Partial<TransformContext> = {}): TransformContext {
  return { endpoint: 'chatComplete', options: OPTIONS, stream: false, strictOpenAiCompliance: true, ...overrides };
}

export function responseCtx(model: string, overrides: Partial<ResponseContext> = {}): ResponseContext {
  return { ...ctx(), model, ...overrides };
}

export function streamCtx(model: string, overrides: Partial<StreamContext> = {}): StreamContext {
  return { ...ctx({ stream: true }), id: 'vertex-ai-1760000000000', model, created: 1760000000, ...overrides };
}

/**
 * A service-account key file with a key pair made for the test run: no private key is ever kept
 * in the repository, and the test holds the public half to verify signatures.
 */
export function testServiceAccount(): { json: Record<string, string>; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    json: {
      type: 'service_account',
      project_id: 'sa-project',
      private_key_id: 'a1b2c3d4e5f6',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: 'gateway@sa-project.iam.gserviceaccount.com',
      client_id: '1234567890',
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    publicKey,
  };
}
