// An example custom provider, loaded by the gateway at start-up when GATEWAY_PROVIDER_PLUGINS
// points at this folder's parent. It implements the same ProviderAdapter interface as the
// built-in providers (libs/providers/src/core/types.ts): pure functions, no I/O; the gateway
// builds the URL, sends the request, retries, streams and logs.
//
// The service it describes: an in-house, OpenAI-compatible chat API per region, behind an API
// gateway that wants the team's tenant in a header and does not know the `developer` role.

const REGION = /^[a-z]{2}-[a-z]+-\d$/;

export const adapter = {
  id: 'acme-llm',
  displayName: 'ACME in-house LLM (example plug-in)',

  // `acme_region` in a config target (or a custom host, which replaces this base URL).
  baseUrl(options) {
    const region = typeof options.acmeRegion === 'string' && REGION.test(options.acmeRegion) ? options.acmeRegion : 'eu-west-1';
    return `https://llm.${region}.acme.internal/v1`;
  },

  headers({ options }) {
    return {
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      'x-acme-tenant': typeof options.acmeTenant === 'string' ? options.acmeTenant : 'default',
    };
  },

  endpoints: {
    chatComplete: {
      path: () => '/chat/completions',
      request(body, ctx) {
        const messages = Array.isArray(body.messages) ? body.messages.map((m) => (m.role === 'developer' ? { ...m, role: 'system' } : m)) : body.messages;
        // Streams ask for usage so the gateway's request log has token counts.
        return ctx.stream ? { ...body, messages, stream_options: { include_usage: true } } : { ...body, messages };
      },
      // No `response` or `stream`: the service answers in OpenAI's format, passed through.
    },
  },

  error(status, body) {
    const inner = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : {};
    const message = typeof inner.message === 'string' ? inner.message : typeof body === 'string' && body ? body : `HTTP ${status}`;
    return { error: { message: `acme-llm error: ${message}`, type: inner.type ?? null, param: null, code: inner.code ?? null }, provider: 'acme-llm' };
  },
};
