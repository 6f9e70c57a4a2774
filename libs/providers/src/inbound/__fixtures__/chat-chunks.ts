import type { Json } from '../../core/types.js';

/**
 * Realistic OpenAI `chat.completion.chunk` sequences, as the gateway's chat adapters emit them
 * (OpenAI's own framing: a role chunk with empty content first, a finish chunk with an empty
 * delta, then a usage-only chunk with `choices: []`).
 */

export const CREATED = 1_760_000_000;

export function chunk(delta: Json, finishReason: string | null = null): Json {
  return {
    id: 'chatcmpl-AbC123',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

export function usageChunk(usage: Json): Json {
  return { id: 'chatcmpl-AbC123', object: 'chat.completion.chunk', created: CREATED, model: 'gpt-4o-mini-2024-07-18', choices: [], usage };
}

export const TEXT_USAGE = {
  prompt_tokens: 12,
  completion_tokens: 9,
  total_tokens: 21,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0 },
};

export const TEXT_CHUNKS: Json[] = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hello' }),
  chunk({ content: '! How can' }),
  chunk({ content: ' I help?' }),
  chunk({}, 'stop'),
  usageChunk(TEXT_USAGE),
];

export const TOOLS_USAGE = {
  prompt_tokens: 2100,
  completion_tokens: 64,
  total_tokens: 2164,
  prompt_tokens_details: { cached_tokens: 1920 },
  completion_tokens_details: { reasoning_tokens: 0 },
};

/** Text, then two parallel calls whose argument fragments arrive between the calls' starts. */
export const TEXT_THEN_TWO_TOOLS_CHUNKS: Json[] = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Let me check' }),
  chunk({ content: ' both cities.' }),
  chunk({ tool_calls: [{ index: 0, id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: ' "Paris", "unit": "c"}' } }] }),
  chunk({ tool_calls: [{ index: 1, id: 'call_tokyo', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
  chunk({ tool_calls: [{ index: 1, function: { arguments: '{"city": "To' } }] }),
  chunk({ tool_calls: [{ index: 1, function: { arguments: 'kyo", "unit": "c"}' } }] }),
  chunk({}, 'tool_calls'),
  usageChunk(TOOLS_USAGE),
];

export const LENGTH_CHUNKS: Json[] = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Once upon a time, there' }),
  chunk({ content: ' was a' }),
  chunk({}, 'length'),
  usageChunk({ prompt_tokens: 5, completion_tokens: 8, total_tokens: 13 }),
];

/** Gemini-style: each call complete in one fragment, both in one chunk, finish and usage together. */
export const WHOLE_CALLS_CHUNKS: Json[] = [
  chunk({
    role: 'assistant',
    tool_calls: [
      { index: 0, id: 'call_a', type: 'function', function: { name: 'lookup', arguments: '{"q":"a"}' } },
      { index: 1, id: 'call_b', type: 'function', function: { name: 'lookup', arguments: '{"q":"b"}' } },
    ],
  }),
  { ...chunk({}, 'tool_calls'), usage: { prompt_tokens: 30, completion_tokens: 10, total_tokens: 40 } },
];

/** Folds chunks into the `chat.completion` a non-streaming call would have returned. */
export function assembleCompletion(chunks: Json[]): Json {
  let content = '';
  let finish: unknown = null;
  let usage: unknown;
  const calls: Array<{ id?: string; name: string; args: string }> = [];
  for (const c of chunks as Array<{ choices?: Array<{ delta?: Json; finish_reason?: string | null }>; usage?: unknown }>) {
    if (c.usage) usage = c.usage;
    const choice = c.choices?.[0];
    if (!choice) continue;
    const delta = (choice.delta ?? {}) as { content?: string; tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string } }> };
    content += delta.content ?? '';
    for (const t of delta.tool_calls ?? []) {
      calls[t.index] ??= { name: '', args: '' };
      const call = calls[t.index];
      if (t.id) call.id = t.id;
      if (t.function?.name) call.name = t.function.name;
      call.args += t.function?.arguments ?? '';
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  const toolCalls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
  return {
    id: 'chatcmpl-AbC123',
    object: 'chat.completion',
    created: CREATED,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: content || (toolCalls.length ? null : ''), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
        finish_reason: finish,
        logprobs: null,
      },
    ],
    ...(usage ? { usage } : {}),
  };
}

/** Events as the gateway would frame them on the wire. */
export function toSse(events: Array<{ event: string; data: Json }>): string {
  return events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
}
