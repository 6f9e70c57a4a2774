import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * NVIDIA NIM: the hosted API catalog (build.nvidia.com). A self-hosted NIM container serves the
 * same API: point `custom_host` at it (e.g. http://127.0.0.1:8000/v1).
 */
export const nvidia = openAiCompatible({
  id: 'nvidia',
  displayName: 'NVIDIA NIM',
  baseUrl: 'https://integrate.api.nvidia.com/v1',
  endpoints: ['chatComplete', 'complete', 'embed'],
});
