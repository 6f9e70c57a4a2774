import type { ProviderAdapter, ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toOciChatRequest } from './chat-request.js';
import { toOpenAiChatCompletion } from './chat-response.js';
import { createOciChatStream } from './chat-stream.js';
import { ociError } from './error.js';
import { ociCredentials, signOciRequest } from './oci-signature.js';

/**
 * Oracle Cloud Infrastructure Generative AI: chat at
 * `https://inference.generativeai.<region>.oci.oraclecloud.com/<api version>/actions/chat`, in
 * OCI's GENERIC chat format, every request signed with the caller's OCI API signing key (see
 * oci-signature.ts). Settings come as oracle_* config keys or x-portkey-oracle-* headers.
 */
const REGION = /^[a-z]{2,}-[a-z]+-\d+$/;
const DEFAULT_API_VERSION = '20231130';

export function ociBaseUrl(options: ProviderOptions): string {
  const region = typeof options.oracleRegion === 'string' ? options.oracleRegion.trim() : '';
  if (!REGION.test(region)) throw new UnsupportedRequestError(`oracle needs a valid OCI region (oracle_region, e.g. us-chicago-1), got "${region}"`);
  return `https://inference.generativeai.${region}.oci.oraclecloud.com`;
}

function apiVersion(options: ProviderOptions): string {
  const version = typeof options.oracleApiVersion === 'string' ? options.oracleApiVersion.trim() : '';
  return /^\d{8}$/.test(version) ? version : DEFAULT_API_VERSION;
}

export const oracle: ProviderAdapter = {
  id: 'oracle',
  displayName: 'Oracle Cloud (OCI Generative AI)',
  baseUrl: ociBaseUrl,
  // Everything is in the signature, made over the final bytes.
  headers: () => ({}),
  endpoints: {
    chatComplete: {
      path: (_body, ctx) => {
        ociCredentials(ctx.options);
        return `/${apiVersion(ctx.options)}/actions/chat`;
      },
      request: (body, ctx) => toOciChatRequest(body, ctx),
      response: (body, ctx) => toOpenAiChatCompletion(body, ctx),
      stream: { framing: 'sse', create: createOciChatStream },
    },
  },
  error: (status, body) => ociError(status, body),
  sign: (request, ctx, now) => signOciRequest(request, ociCredentials(ctx.options), now),
};
