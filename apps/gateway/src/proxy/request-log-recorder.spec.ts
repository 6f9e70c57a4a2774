import { usageFromBytes } from './request-log-recorder.js';

describe('usageFromBytes', () => {
  it('reads the usage object of an OpenAI body without parsing the rest', () => {
    const body = {
      id: 'x',
      choices: [{ message: { content: 'a "usage": {"prompt_tokens": 999} look-alike inside text' } }],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 } },
    };
    expect(usageFromBytes(Buffer.from(JSON.stringify(body)))).toEqual({ promptTokens: 12, completionTokens: 3, cachedTokens: 4 });
  });

  it('handles strings with braces and escapes inside usage, and bodies without usage', () => {
    expect(usageFromBytes(Buffer.from('{"usage":{"prompt_tokens":1,"note":"} \\" {","completion_tokens":2}}'))).toEqual({ promptTokens: 1, completionTokens: 2, cachedTokens: undefined });
    expect(usageFromBytes(Buffer.from('{"data":[]}'))).toBeUndefined();
    expect(usageFromBytes(Buffer.from('{"usage":{"prompt_tokens":1'))).toBeUndefined();
    expect(usageFromBytes(undefined)).toBeUndefined();
  });
});
