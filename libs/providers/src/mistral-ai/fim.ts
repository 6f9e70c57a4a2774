import type { EndpointAdapter, Json } from '../core/types.js';

/**
 * Mistral's fill-in-the-middle API (`/fim/completions`, Codestral) behind the gateway's
 * `/v1/completions`: `prompt` and `suffix` go as they are; the answer comes back in chat shape
 * (`choices[].message.content`, stream `delta.content`) and is turned into OpenAI text completions.
 */
export const mistralFim: EndpointAdapter = {
  path: () => '/fim/completions',
  response: (body) => ({
    ...body,
    object: 'text_completion',
    choices: ((body.choices as Json[] | undefined) ?? []).map((choice) => ({
      index: choice.index ?? 0,
      text: ((choice.message as Json | undefined)?.content as string | undefined) ?? '',
      logprobs: null,
      finish_reason: choice.finish_reason ?? 'stop',
    })),
  }),
  stream: {
    framing: 'sse',
    create: () => ({
      onEvent: (event) => {
        if (event.data === '[DONE]') return [];
        const chunk = JSON.parse(event.data) as Json;
        const choices = ((chunk.choices as Json[] | undefined) ?? []).map((choice) => ({
          index: choice.index ?? 0,
          text: ((choice.delta as Json | undefined)?.content as string | undefined) ?? '',
          logprobs: null,
          finish_reason: choice.finish_reason ?? null,
        }));
        return [{ ...chunk, object: 'text_completion', choices }];
      },
      onEnd: () => [],
    }),
  },
};
