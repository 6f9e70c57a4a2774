import { chunksToCompletion, completionToChunks } from './cache-entry.js';

describe('cache entry conversions', () => {
  const completion = {
    id: 'c1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  };

  it('a completion becomes chunks and folds back to the same answer', () => {
    const chunks = completionToChunks(completion);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: completion.usage });
    expect(chunksToCompletion(chunks)).toEqual({ ...completion, choices: [{ ...completion.choices[0] }] });
  });

  it('folds streamed tool-call fragments by index', () => {
    const chunks = [
      { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 't0', type: 'function', function: { name: 'f', arguments: '{"a"' } }] } }] },
      { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: ':1}' } }] } }] },
      { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ];
    const folded = chunksToCompletion(chunks);
    expect(folded.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 't0', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, logprobs: null, finish_reason: 'tool_calls' },
    ]);
  });
});
