export * from './core/types.js';
export { PROVIDERS, getProvider } from './registry.js';
export { unifiedError } from './shared/errors.js';
export { openAiCompatible } from './openai-compatible/factory.js';
