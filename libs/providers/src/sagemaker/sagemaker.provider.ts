import type { ProviderOptions, SignableRequest } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { awsRegion } from '../bedrock/model.js';
import { signV4 } from '../bedrock/sigv4.js';
import { passthroughOnly } from '../shared/passthrough-only.js';

/**
 * Amazon SageMaker endpoints: the runtime API (`/endpoints/<name>/invocations`) through the
 * passthrough, signed with SigV4 (service `sagemaker`) over the exact bytes sent. What an
 * endpoint accepts depends on the model deployed, so the body is never translated.
 */
function credentials(options: ProviderOptions) {
  const accessKeyId = typeof options.awsAccessKeyId === 'string' ? options.awsAccessKeyId.trim() : '';
  const secretAccessKey = typeof options.awsSecretAccessKey === 'string' ? options.awsSecretAccessKey.trim() : '';
  if (!accessKeyId || !secretAccessKey) {
    throw new UnsupportedRequestError('sagemaker needs AWS credentials (x-portkey-aws-access-key-id and x-portkey-aws-secret-access-key)');
  }
  const sessionToken = typeof options.awsSessionToken === 'string' && options.awsSessionToken ? options.awsSessionToken : undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

export function signSageMakerRequest(request: SignableRequest, options: ProviderOptions, now: Date): Record<string, string> {
  const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return signV4(
    { method: request.method, url: request.url, headers: contentType ? { 'content-type': contentType } : {}, body: request.body },
    { region: awsRegion(options), service: 'sagemaker', credentials: credentials(options), now, contentSha256Header: true },
  ).headers;
}

export const sagemaker = {
  ...passthroughOnly({
    id: 'sagemaker',
    displayName: 'Amazon SageMaker (passthrough)',
    baseUrl: (options: ProviderOptions) => `https://runtime.sagemaker.${awsRegion(options)}.amazonaws.com`,
    auth: () => ({}),
  }),
  sign: (request: SignableRequest, ctx: { options: ProviderOptions }, now: Date) => signSageMakerRequest(request, ctx.options, now),
};
