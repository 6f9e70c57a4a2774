import type { Json, ProviderAdapter, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { bearerAuth, prepareTextRequest } from '../openai-compatible/factory.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Predibase serves an OpenAI-compatible API per deployment:
 * `/{tenant}/deployments/v2/llms/{deployment}/v1/chat/completions`, where the body's `model` names
 * a fine-tuned adapter (empty for the base model). As in the reference gateway, the tenant id
 * travels in `user` and the model is written `deployment[:adapter-repo/version]`.
 */
function split(body: Json, ctx: TransformContext): { tenant: string; deployment: string; adapter: string } {
  const tenant = (ctx.options.predibaseTenantId as string | undefined) ?? (typeof body.user === 'string' ? body.user : undefined);
  if (!tenant) throw new UnsupportedRequestError('predibase needs your tenant id: send it in the `user` field');
  const model = typeof body.model === 'string' ? body.model : '';
  if (!model) throw new UnsupportedRequestError('predibase needs a model: the deployment name, optionally with :adapter-repo/version');
  const colon = model.indexOf(':');
  return colon === -1 ? { tenant, deployment: model, adapter: '' } : { tenant, deployment: model.slice(0, colon), adapter: model.slice(colon + 1) };
}

export const predibase: ProviderAdapter = {
  id: 'predibase',
  displayName: 'Predibase',
  baseUrl: () => 'https://serving.app.predibase.com',
  headers: ({ options }) => bearerAuth(options),
  endpoints: {
    chatComplete: {
      path: (body, ctx) => {
        const { tenant, deployment } = split(body, ctx);
        return `/${encodeURIComponent(tenant)}/deployments/v2/llms/${encodeURIComponent(deployment)}/v1/chat/completions`;
      },
      request: (body, ctx) => {
        const { adapter } = split(body, ctx);
        const { user: _tenant, ...rest } = prepareTextRequest(body, ctx, {});
        return { ...rest, model: adapter };
      },
    },
  },
  error: (status, body) => unifiedError('predibase', status, body),
};
