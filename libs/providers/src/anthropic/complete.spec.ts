import type { StreamContext } from '../core/types.js';
import { ProviderStreamError, UnsupportedRequestError } from '../core/types.js';
import { parseSse } from './__fixtures__/sse.js';
import { createCompleteStream, toAnthropicCompleteRequest, toOpenAiTextCompletion } from './complete.js';

const CREATED = 1_760_000_000;

describe('legacy completions', () => {
  it('frames a plain prompt as Human/Assistant turns and maps parameters', () => {
    expect(toAnthropicCompleteRequest({ model: 'claude-2.1', prompt: 'Why is the sky blue?', max_tokens: 256, stop: 'END', temperature: 1.5, top_p: 0.9, user: 'u-1', stream: true })).toEqual({
      model: 'claude-2.1',
      prompt: '\n\nHuman: Why is the sky blue?\n\nAssistant:',
      max_tokens_to_sample: 256,
      stop_sequences: ['END'],
      temperature: 1,
      top_p: 0.9,
      stream: true,
      metadata: { user_id: 'u-1' },
    });
  });

  it('keeps an already framed prompt, accepts a one-element array and defaults max_tokens_to_sample', () => {
    const prompt = '\n\nHuman: Hello\n\nAssistant: Hi.\n\nHuman: Bye\n\nAssistant:';
    expect(toAnthropicCompleteRequest({ model: 'claude-2.1', prompt: [prompt] })).toEqual({ model: 'claude-2.1', prompt, max_tokens_to_sample: 4096 });
  });

  it('refuses batched prompts', () => {
    expect(() => toAnthropicCompleteRequest({ model: 'claude-2.1', prompt: ['a', 'b'] })).toThrow(UnsupportedRequestError);
  });

  it('maps a completion response to a text_completion', () => {
    const body = { type: 'completion', id: 'compl_018CKm6gsux7P8yMcwZbeCPw', completion: ' Hello! My name is Claude.', stop_reason: 'stop_sequence', model: 'claude-2.1' };
    expect(toOpenAiTextCompletion(body, { model: 'claude-2.1', strictOpenAiCompliance: true }, CREATED)).toEqual({
      id: 'compl_018CKm6gsux7P8yMcwZbeCPw',
      object: 'text_completion',
      created: CREATED,
      model: 'claude-2.1',
      choices: [{ index: 0, text: ' Hello! My name is Claude.', logprobs: null, finish_reason: 'stop' }],
    });
    expect((toOpenAiTextCompletion({ ...body, stop_reason: 'max_tokens' }, { model: 'm', strictOpenAiCompliance: true }, CREATED).choices as { finish_reason: string }[])[0].finish_reason).toBe('length');
  });

  it('streams completion events as text_completion chunks and throws on error events', () => {
    const ctx: StreamContext = { endpoint: 'complete', options: { provider: 'anthropic' }, stream: true, strictOpenAiCompliance: true, id: 'fallback', model: 'claude-2.1', created: CREATED };
    const sse = `event: completion
data: {"type": "completion", "completion": " Hello", "stop_reason": null, "model": "claude-2.1", "id": "compl_1"}

event: ping
data: {"type": "ping"}

event: completion
data: {"type": "completion", "completion": "!", "stop_reason": "stop_sequence", "model": "claude-2.1", "id": "compl_1"}

`;
    const stream = createCompleteStream(ctx);
    const chunks = parseSse(sse).flatMap((e) => stream.onEvent(e));
    expect(chunks).toEqual([
      { id: 'compl_1', object: 'text_completion', created: CREATED, model: 'claude-2.1', choices: [{ index: 0, text: ' Hello', logprobs: null, finish_reason: null }] },
      { id: 'compl_1', object: 'text_completion', created: CREATED, model: 'claude-2.1', choices: [{ index: 0, text: '!', logprobs: null, finish_reason: 'stop' }] },
    ]);
    expect(() => stream.onEvent({ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' })).toThrow(ProviderStreamError);
  });
});
