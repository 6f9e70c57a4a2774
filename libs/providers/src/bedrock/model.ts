import type { Json, ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/** Where Bedrock goes when no region is given, as in the reference. */
export const DEFAULT_AWS_REGION = 'us-east-1';

/**
 * The region lands in the host name, so it must look like one (us-east-1, us-gov-west-1,
 * ap-southeast-2…): a value like `evil.example/x#` would otherwise send the signed request, or a
 * Bedrock API key, to another host.
 */
const REGION = /^[a-z]{2,5}(?:-[a-z0-9]+){1,4}$/;

export function awsRegion(options: ProviderOptions): string {
  const region = typeof options.awsRegion === 'string' && options.awsRegion.trim() ? options.awsRegion.trim() : DEFAULT_AWS_REGION;
  if (!REGION.test(region)) throw new UnsupportedRequestError(`bedrock: invalid AWS region "${region}" (x-portkey-aws-region)`);
  return region;
}

export function bedrockBaseUrl(options: ProviderOptions): string {
  return `https://bedrock-runtime.${awsRegion(options)}.amazonaws.com`;
}

/** The model id, ARN or inference profile from the body, as sent. */
export function bedrockModel(body: Json): string {
  const model = typeof body.model === 'string' ? body.model.trim() : '';
  if (!model) throw new UnsupportedRequestError('bedrock: model is required');
  return model;
}

/**
 * `/model/{modelId}/{action}`. The id is one path segment, percent-encoded whole: `:` in
 * `…-v1:0` and `/` in ARNs must not split or reinterpret the path (Bedrock decodes them back).
 */
export function modelPath(body: Json, action: 'converse' | 'converse-stream' | 'invoke'): string {
  return `/model/${encodeURIComponent(bedrockModel(body))}/${action}`;
}

/** Cross-region inference profiles prefix the model id with a geography (`us.`, `eu.`, `apac.`…). */
const GEO_PREFIX = /^(?:us|us-gov|eu|apac|global|ca|jp|au)\./;

/**
 * The foundation-model id behind an id, inference profile or ARN, used only to pick the request
 * format (`amazon.titan-embed-text-v2:0`, `cohere.embed-v4:0`…). The URL keeps what was sent.
 */
export function foundationModelId(model: string): string {
  const last = model.startsWith('arn:') ? model.slice(model.lastIndexOf('/') + 1) : model;
  return last.replace(GEO_PREFIX, '');
}
