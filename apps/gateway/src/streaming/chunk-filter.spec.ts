import { UsageChunkFilter } from './chunk-filter.js';

const usage = { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12, prompt_tokens_details: { cached_tokens: 2 } };

describe('UsageChunkFilter', () => {
  it('drops the usage-only chunk when the client did not ask, but records the usage', () => {
    const filter = new UsageChunkFilter(false);
    expect(filter.filterObject({ choices: [], usage })).toBeUndefined();
    expect(filter.usage).toEqual({ promptTokens: 5, completionTokens: 7, cachedTokens: 2 });
  });

  it('strips usage from a chunk that also carries choices', () => {
    const filter = new UsageChunkFilter(false);
    const kept = filter.filterObject({ id: 'x', choices: [{ index: 0, delta: {} }], usage });
    expect(kept).toEqual({ id: 'x', choices: [{ index: 0, delta: {} }] });
  });

  it('keeps usage when the client asked for it', () => {
    const filter = new UsageChunkFilter(true);
    const chunk = { choices: [], usage };
    expect(filter.filterObject(chunk)).toBe(chunk);
    expect(filter.usage?.completionTokens).toBe(7);
  });

  it('passes text without usage through untouched and without parsing', () => {
    const filter = new UsageChunkFilter(false);
    const data = '{"choices":[{"delta":{"content":"hi"}}]}';
    expect(filter.filterText(data)).toBe(data);
    expect(filter.filterText('{"choices":[],"usage":null}')).toBe('{"choices":[],"usage":null}');
    expect(filter.filterText(JSON.stringify({ choices: [], usage }))).toBeUndefined();
  });
});

describe('UsageChunkFilter text fast path', () => {
  it('passes chunks with "usage": null through untouched, and still catches real usage', () => {
    const filter = new UsageChunkFilter(false);
    const nullUsage = '{"choices":[{"delta":{"content":"x"}}],"usage": null}';
    expect(filter.filterText(nullUsage)).toBe(nullUsage);
    expect(filter.usage).toBeUndefined();
    expect(filter.filterText('{"choices":[],"usage" : {"prompt_tokens":2,"completion_tokens":1}}')).toBeUndefined();
    expect(filter.usage).toEqual({ promptTokens: 2, completionTokens: 1, cachedTokens: undefined });
  });
});
