export * from './core/types.js';
export { PROVIDERS, getProvider } from './registry.js';
export { unifiedError } from './shared/errors.js';
export { openAiCompatible } from './openai-compatible/factory.js';
export { TokenFetchError } from './oauth/token-request.js';
export { renderProviderTable } from './catalog.js';
export * from './inbound/index.js';
