import type { ProviderOptions, ResponseContext, StreamContext, TransformContext } from '../../core/types.js';

export const AWS_KEYS: ProviderOptions = {
  provider: 'bedrock',
  awsAccessKeyId: 'AKIDEXAMPLE',
  awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  awsRegion: 'us-east-1',
};

export function chatCtx(overrides: Partial<TransformContext> = {}): TransformContext {
  return { endpoint: 'chatComplete', options: AWS_KEYS, stream: false, strictOpenAiCompliance: true, ...overrides };
}

export function responseCtx(overrides: Partial<ResponseContext> = {}): ResponseContext {
  return { ...chatCtx(), model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', ...overrides };
}

export function streamCtx(overrides: Partial<StreamContext> = {}): StreamContext {
  return { ...chatCtx({ stream: true }), id: 'bedrock-1760000000000', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', created: 1760000000, ...overrides };
}
