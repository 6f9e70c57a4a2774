import { usageCounts } from './usage.js';

describe('usageCounts', () => {
  it('reads OpenAI usage, cached tokens included', () => {
    expect(usageCounts({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 } })).toEqual({
      promptTokens: 12,
      completionTokens: 3,
      cachedTokens: 4,
    });
  });

  it('keeps billed units apart from the processed counts (Cohere), for cost', () => {
    expect(usageCounts({ prompt_tokens: 215, completion_tokens: 10, total_tokens: 225, billed_units: { input_tokens: 17, output_tokens: 8 } })).toEqual({
      promptTokens: 215,
      completionTokens: 10,
      cachedTokens: undefined,
      billedPromptTokens: 17,
      billedCompletionTokens: 8,
    });
  });

  it('answers nothing for a missing usage', () => {
    expect(usageCounts(undefined)).toBeUndefined();
  });
});
