import type { EndpointAdapter, Json, ProviderAdapter, TransformContext } from '../core/types.js';
import { bedrockAuth, bedrockHeaders, signBedrockRequest } from './auth.js';
import { toConverseRequest } from './converse-request.js';
import { toOpenAiChatCompletion } from './converse-response.js';
import { converseStream } from './converse-stream.js';
import { bedrockEmbed } from './embed.js';
import { bedrockError } from './error.js';
import { bedrockImageGenerate } from './image.js';
import { bedrockBaseUrl, modelPath } from './model.js';
import { stsAssumeRoleTokens } from './sts.js';

/**
 * AWS Bedrock Runtime: chat through Converse / ConverseStream (one request shape for every chat
 * model), embeddings and images through InvokeModel with each model family's own body.
 * `custom_host` replaces `https://bedrock-runtime.{region}.amazonaws.com` (a VPC endpoint, say);
 * SigV4 still signs for the configured region and whatever host the URL names.
 *
 * Credentials are checked in `path`, which the gateway calls before any upstream I/O and whose
 * UnsupportedRequestError it answers with a 400.
 */
function checkedPath(path: (body: Json, ctx: TransformContext) => string) {
  return (body: Json, ctx: TransformContext): string => {
    bedrockAuth(ctx.options);
    return path(body, ctx);
  };
}

const chatComplete: EndpointAdapter = {
  path: checkedPath((body, ctx) => modelPath(body, ctx.stream ? 'converse-stream' : 'converse')),
  request: (body) => toConverseRequest(body),
  response: (body, ctx) => toOpenAiChatCompletion(body, ctx),
  stream: converseStream,
};

export const bedrock: ProviderAdapter = {
  id: 'bedrock',
  displayName: 'AWS Bedrock',
  baseUrl: (options) => bedrockBaseUrl(options),
  headers: ({ options }) => bedrockHeaders(options),
  endpoints: {
    chatComplete,
    embed: { ...bedrockEmbed, path: checkedPath(bedrockEmbed.path) },
    imageGenerate: { ...bedrockImageGenerate, path: checkedPath(bedrockImageGenerate.path) },
  },
  error: (status, body) => bedrockError(status, body),
  sign: (request, ctx, now) => signBedrockRequest(request, ctx.options, now),
  tokens: stsAssumeRoleTokens,
};
