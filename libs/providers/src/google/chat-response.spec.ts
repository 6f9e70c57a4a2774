import {
  blockedPromptResponse,
  functionCallResponse,
  textResponse,
  thinkingResponse,
  twoCandidatesResponse,
} from './__fixtures__/gemini-responses.js';
import { chatCtx } from './__fixtures__/context.js';
import { toOpenAiChatResponse } from './chat-response.js';

const strict = { ...chatCtx(), model: 'gemini-2.5-flash' };
const loose = { ...chatCtx({ strictOpenAiCompliance: false }), model: 'gemini-2.5-flash' };

describe('toOpenAiChatResponse', () => {
  it('maps a text answer: id, model, joined text, finish reason and usage with cached and thought tokens', () => {
    const before = Math.floor(Date.now() / 1000);
    const out = toOpenAiChatResponse(textResponse, strict);
    expect(out).toEqual({
      id: 'q2PUaJ3XJLeWmNAPjc6E4Ag',
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Paris is the capital of France.' },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 49,
        total_tokens: 61,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 42 },
      },
    });
    expect(out.created).toBeGreaterThanOrEqual(before);
  });

  it('generates a chatcmpl id and falls back to the request model when Gemini sends neither', () => {
    const { responseId: _id, modelVersion: _model, ...bare } = textResponse;
    const out = toOpenAiChatResponse(bare, { ...strict, model: 'gemini-2.5-flash-lite' });
    expect(out.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    expect(out.model).toBe('gemini-2.5-flash-lite');
  });

  it('maps functionCall parts to tool calls with generated ids and finish_reason tool_calls', () => {
    const out = toOpenAiChatResponse(functionCallResponse, strict);
    const [choice] = out.choices as Record<string, any>[];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_[0-9a-f]{24}$/), type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris","unit":"celsius"}' } },
      { id: expect.stringMatching(/^call_[0-9a-f]{24}$/), type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' } },
    ]);
    expect(choice.message.tool_calls[0].id).not.toBe(choice.message.tool_calls[1].id);
  });

  it('uses the call id Gemini sends, when it sends one', () => {
    const body = { candidates: [{ content: { role: 'model', parts: [{ functionCall: { id: 'fc-9', name: 'f', args: {} } }] }, finishReason: 'STOP' }] };
    const [choice] = toOpenAiChatResponse(body, strict).choices as Record<string, any>[];
    expect(choice.message.tool_calls[0]).toEqual({ id: 'fc-9', type: 'function', function: { name: 'f', arguments: '{}' } });
  });

  it('reports thought signatures on tool calls only when strict compliance is off', () => {
    const [strictChoice] = toOpenAiChatResponse(functionCallResponse, strict).choices as Record<string, any>[];
    expect(strictChoice.message.tool_calls[0].function).not.toHaveProperty('thought_signature');
    const [looseChoice] = toOpenAiChatResponse(functionCallResponse, loose).choices as Record<string, any>[];
    expect(looseChoice.message.tool_calls[0].function.thought_signature).toBe('CiQB0e2Kb7Vq1sig==');
    expect(looseChoice.message.tool_calls[1].function).not.toHaveProperty('thought_signature');
  });

  it('keeps thoughts out of content; reports them as content_blocks only when strict compliance is off', () => {
    const [strictChoice] = toOpenAiChatResponse(thinkingResponse, strict).choices as Record<string, any>[];
    expect(strictChoice.message).toEqual({ role: 'assistant', content: '4' });
    const [looseChoice] = toOpenAiChatResponse(thinkingResponse, loose).choices as Record<string, any>[];
    expect(looseChoice.message).toEqual({
      role: 'assistant',
      content: '4',
      content_blocks: [
        { type: 'thinking', thinking: '**Working out the sum**\n\nTwo plus two is four.' },
        { type: 'text', text: '4' },
      ],
    });
    expect(looseChoice.finish_reason).toBe('STOP');
  });

  it('returns one choice per candidate with its own finish reason', () => {
    const out = toOpenAiChatResponse(twoCandidatesResponse, strict);
    expect(out.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: 'Heads' }, logprobs: null, finish_reason: 'stop' },
      { index: 1, message: { role: 'assistant', content: 'Tails, and then some' }, logprobs: null, finish_reason: 'length' },
    ]);
  });

  it('answers a blocked prompt with one content_filter choice', () => {
    const out = toOpenAiChatResponse(blockedPromptResponse, strict);
    expect(out.choices).toEqual([{ index: 0, message: { role: 'assistant', content: null }, logprobs: null, finish_reason: 'content_filter' }]);
    expect(out.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 0, total_tokens: 11 });
  });

  it('maps a candidate stopped by safety with no content', () => {
    const body = { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH' }] }] };
    expect(toOpenAiChatResponse(body, strict).choices).toEqual([
      { index: 0, message: { role: 'assistant', content: null }, logprobs: null, finish_reason: 'content_filter' },
    ]);
  });

  it('maps logprobs when Gemini returns them', () => {
    const body = {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Hi' }] },
          finishReason: 'STOP',
          logprobsResult: {
            chosenCandidates: [{ token: 'Hi', logProbability: -0.01 }],
            topCandidates: [{ candidates: [{ token: 'Hi', logProbability: -0.01 }, { token: 'Hello', logProbability: -4.6 }] }],
          },
        },
      ],
    };
    const [choice] = toOpenAiChatResponse(body, strict).choices as Record<string, any>[];
    expect(choice.logprobs).toEqual({
      content: [
        {
          token: 'Hi',
          logprob: -0.01,
          bytes: [72, 105],
          top_logprobs: [
            { token: 'Hi', logprob: -0.01, bytes: [72, 105] },
            { token: 'Hello', logprob: -4.6, bytes: [72, 101, 108, 108, 111] },
          ],
        },
      ],
      refusal: null,
    });
  });

  it('passes grounding metadata through only when strict compliance is off', () => {
    const groundingMetadata = { webSearchQueries: ['capital of France'] };
    const body = { candidates: [{ content: { role: 'model', parts: [{ text: 'Paris' }] }, finishReason: 'STOP', groundingMetadata }] };
    expect((toOpenAiChatResponse(body, strict).choices as Record<string, any>[])[0]).not.toHaveProperty('groundingMetadata');
    expect((toOpenAiChatResponse(body, loose).choices as Record<string, any>[])[0].groundingMetadata).toEqual(groundingMetadata);
  });
});
