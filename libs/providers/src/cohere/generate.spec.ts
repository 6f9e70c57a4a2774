import type { StreamContext } from '../core/types.js';
import { ProviderStreamError, UnsupportedRequestError } from '../core/types.js';
import { parseNdjson } from './__fixtures__/sse.js';
import { GENERATE_STREAM } from './__fixtures__/streams.js';
import { createCohereGenerateStream, toCohereGenerateRequest, toOpenAiTextCompletion } from './generate.js';

const CREATED = 1_760_000_000;

describe('legacy completions on /v1/generate', () => {
  it('maps the request', () => {
    expect(toCohereGenerateRequest({ model: 'command', prompt: 'Please explain to me how LLMs work', max_tokens: 50, temperature: 1, top_p: 0.75, stop: ['\n\n'], n: 2, stream: true, seed: 3 })).toEqual({
      model: 'command',
      prompt: 'Please explain to me how LLMs work',
      max_tokens: 50,
      temperature: 1,
      p: 0.75,
      stop_sequences: ['\n\n'],
      num_generations: 2,
      stream: true,
      seed: 3,
    });
  });

  it('accepts a one-element prompt array and refuses batches', () => {
    expect(toCohereGenerateRequest({ model: 'command', prompt: ['Hi'] }).prompt).toBe('Hi');
    expect(() => toCohereGenerateRequest({ model: 'command', prompt: ['a', 'b'] })).toThrow(UnsupportedRequestError);
  });

  it('maps each generation to a choice; usage from billed units when meta has no processed counts', () => {
    const body = {
      id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      generations: [
        { id: 'g-0', text: ' LLMs learn patterns from text.', finish_reason: 'COMPLETE' },
        { id: 'g-1', text: ' They predict tokens', finish_reason: 'MAX_TOKENS' },
      ],
      prompt: 'Please explain to me how LLMs work',
      meta: { api_version: { version: '1' }, billed_units: { input_tokens: 8, output_tokens: 12 } },
    };
    expect(toOpenAiTextCompletion(body, { model: 'command', strictOpenAiCompliance: true }, CREATED)).toEqual({
      id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      object: 'text_completion',
      created: CREATED,
      model: 'command',
      choices: [
        { index: 0, text: ' LLMs learn patterns from text.', logprobs: null, finish_reason: 'stop' },
        { index: 1, text: ' They predict tokens', logprobs: null, finish_reason: 'length' },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 12, total_tokens: 20, billed_units: { input_tokens: 8, output_tokens: 12 } },
    });
  });

  it('reports the processed tokens when meta has them', () => {
    const body = { id: 'g', generations: [{ text: 'x' }], meta: { billed_units: { input_tokens: 8, output_tokens: 1 }, tokens: { input_tokens: 70, output_tokens: 1 } } };
    expect(toOpenAiTextCompletion(body, { model: 'command', strictOpenAiCompliance: true }, CREATED).usage).toEqual({
      prompt_tokens: 70,
      completion_tokens: 1,
      total_tokens: 71,
      billed_units: { input_tokens: 8, output_tokens: 1 },
    });
  });

  const ctx: StreamContext = { endpoint: 'complete', options: { provider: 'cohere' }, stream: true, strictOpenAiCompliance: true, id: 'cmpl-1', model: 'command', created: CREATED };

  it('streams newline-delimited text events and closes with the finish reason', () => {
    const stream = createCohereGenerateStream(ctx);
    const chunks = parseNdjson(GENERATE_STREAM).flatMap((e) => stream.onEvent(e));
    expect(chunks.map((c) => (c.choices as unknown[])[0])).toEqual([
      { index: 0, text: 'LLMs', logprobs: null, finish_reason: null },
      { index: 0, text: ' predict the next token.', logprobs: null, finish_reason: null },
      { index: 0, text: '', logprobs: null, finish_reason: 'stop' },
    ]);
    expect(chunks[0]).toMatchObject({ id: 'cmpl-1', object: 'text_completion', created: CREATED, model: 'command' });
  });

  it('throws a stream-error event', () => {
    const stream = createCohereGenerateStream(ctx);
    expect(() => stream.onEvent({ data: '{"is_finished":true,"event_type":"stream-error","finish_reason":"ERROR","err":"generation failed"}' })).toThrow(ProviderStreamError);
  });
});
