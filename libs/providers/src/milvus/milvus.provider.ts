import { bearer, passthroughOnly } from '../shared/passthrough-only.js';

/** Milvus / Zilliz Cloud (vector database): its RESTful API through the passthrough, a bearer token. */
export const milvus = passthroughOnly({
  id: 'milvus',
  displayName: 'Milvus (passthrough)',
  baseUrl: () => undefined,
  auth: bearer,
});
