import { passthroughOnly } from '../shared/passthrough-only.js';

/** Qdrant (vector database), self-hosted or Qdrant Cloud: its REST API through the passthrough, the key in `api-key`. */
export const qdrant = passthroughOnly({
  id: 'qdrant',
  displayName: 'Qdrant (passthrough)',
  baseUrl: () => undefined,
  auth: (options): Record<string, string> => (options.apiKey ? { 'api-key': options.apiKey } : {}),
});
