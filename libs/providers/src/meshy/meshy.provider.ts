import { bearer, passthroughOnly } from '../shared/passthrough-only.js';

/**
 * Meshy (text/image to 3D): its own API through the passthrough. Paths carry their API version
 * (`/v1/…` through the gateway becomes `…/openapi/v1/…` or `…/openapi/v2/text-to-3d`), so the
 * base URL stops at `/openapi` and the client names the version.
 */
export const meshy = passthroughOnly({
  id: 'meshy',
  displayName: 'Meshy (passthrough)',
  baseUrl: () => 'https://api.meshy.ai/openapi',
  auth: bearer,
});
