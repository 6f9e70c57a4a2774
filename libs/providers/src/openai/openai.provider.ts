import type { ProviderOptions } from '../core/types.js';
import { bearerAuth, openAiCompatible } from '../openai-compatible/factory.js';

/** OpenAI: the wire format every other provider is translated to and from. */
export const openai = openAiCompatible({
  id: 'openai',
  displayName: 'OpenAI',
  baseUrl: 'https://api.openai.com/v1',
  endpoints: [
    'chatComplete', 'complete', 'embed', 'imageGenerate', 'imageEdit', 'createSpeech', 'createTranscription',
    'createTranslation', 'moderate', 'listModels', 'responses',
  ],
  auth: openAiHeaders,
});

function openAiHeaders(options: ProviderOptions): Record<string, string> {
  const headers = bearerAuth(options);
  if (options.openaiOrganization) headers['openai-organization'] = options.openaiOrganization;
  if (options.openaiProject) headers['openai-project'] = options.openaiProject;
  if (options.openaiBeta) headers['openai-beta'] = options.openaiBeta;
  return headers;
}
