import { bearer, passthroughOnly } from '../shared/passthrough-only.js';

/** Tripo (3D generation): its task API through the passthrough. */
export const tripo3d = passthroughOnly({
  id: 'tripo3d',
  displayName: 'Tripo3D (passthrough)',
  baseUrl: () => 'https://api.tripo3d.ai/v2/openapi',
  auth: bearer,
});
