import { UnsupportedRequestError } from '../core/types.js';
import { chatCtx } from './__fixtures__/context.js';
import { toGeminiChatRequest } from './chat-request.js';
import { SKIP_THOUGHT_SIGNATURE } from './messages.js';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    strict: true,
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        location: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location'],
    },
  },
};

const map = (body: Record<string, unknown>, ctx = chatCtx()) => toGeminiChatRequest({ model: 'gemini-2.5-flash', ...body }, ctx);

describe('toGeminiChatRequest: messages', () => {
  it('puts every system and developer message into systemInstruction, in order, and leaves them out of contents', () => {
    const out = map({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'assistant', content: 'Salut.' },
        { role: 'system', content: 'Never use emoji.' },
        { role: 'user', content: 'Ça va ?' },
      ],
    });
    expect(out.systemInstruction).toEqual({
      parts: [{ text: 'You are terse.' }, { text: 'Answer in French.' }, { text: 'Never use emoji.' }],
    });
    expect(out.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Salut.' }] },
      { role: 'user', parts: [{ text: 'Ça va ?' }] },
    ]);
  });

  it('omits systemInstruction when there is no system message', () => {
    const out = map({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(out).not.toHaveProperty('systemInstruction');
  });

  it('maps assistant to model and merges consecutive turns of one role (Gemini wants alternation)', () => {
    const out = map({
      messages: [
        { role: 'user', content: 'First question.' },
        { role: 'user', content: [{ type: 'text', text: 'Second question.' }] },
        { role: 'assistant', content: 'Answer one.' },
        { role: 'assistant', content: [{ type: 'text', text: 'Answer two.' }] },
        { role: 'user', content: 'Thanks' },
      ],
    });
    expect(out.contents).toEqual([
      { role: 'user', parts: [{ text: 'First question.' }, { text: 'Second question.' }] },
      { role: 'model', parts: [{ text: 'Answer one.' }, { text: 'Answer two.' }] },
      { role: 'user', parts: [{ text: 'Thanks' }] },
    ]);
  });

  it('drops empty text and messages that end up with no parts (Gemini rejects empty parts)', () => {
    const out = map({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'Still there?' },
      ],
    });
    expect(out.contents).toEqual([{ role: 'user', parts: [{ text: 'Hi' }, { text: 'Still there?' }] }]);
  });

  it('inlines data-URL images and references http, gs:// and YouTube URLs as fileData', () => {
    const out = map({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' } },
            { type: 'image_url', image_url: { url: 'https://example.com/photos/cat.webp?size=large' } },
            { type: 'image_url', image_url: { url: 'gs://my-bucket/report.pdf' } },
            { type: 'image_url', image_url: { url: 'https://cdn.example.com/render', mime_type: 'image/png' } },
            { type: 'image_url', image_url: { url: 'https://www.youtube.com/watch?v=9hE5-98ZeCg' } },
          ],
        },
      ],
    });
    expect(out.contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'Compare these.' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' } },
          { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/photos/cat.webp?size=large' } },
          { fileData: { mimeType: 'application/pdf', fileUri: 'gs://my-bucket/report.pdf' } },
          { fileData: { mimeType: 'image/png', fileUri: 'https://cdn.example.com/render' } },
          { fileData: { fileUri: 'https://www.youtube.com/watch?v=9hE5-98ZeCg' } },
        ],
      },
    ]);
  });

  it('maps input_audio and file parts to inline data', () => {
    const out = map({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'input_audio', input_audio: { data: 'UklGRiQAAABXQVZF', format: 'wav' } },
            { type: 'file', file: { filename: 'invoice.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQ=' } },
          ],
        },
      ],
    });
    expect(out.contents).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'audio/wav', data: 'UklGRiQAAABXQVZF' } },
          { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0xLjQ=' } },
        ],
      },
    ]);
  });

  it('rejects content part types Gemini cannot take', () => {
    expect(() => map({ messages: [{ role: 'user', content: [{ type: 'video_url', video_url: 'x' }] }] })).toThrow(UnsupportedRequestError);
  });

  it('rejects non-base64 data URLs instead of sending them as file URIs', () => {
    expect(() => map({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:text/plain,hello' } }] }] })).toThrow(
      /base64/,
    );
  });

  it('turns assistant tool_calls into functionCall parts and tool results into functionResponse parts named after their call', () => {
    const out = map({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'Weather and time in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
            { id: 'call_t', type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_t', content: '{"time":"14:05"}' },
        { role: 'tool', tool_call_id: 'call_w', content: 'Sunny, 21°C' },
        { role: 'user', content: 'And tomorrow?' },
      ],
    });
    expect(out.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather and time in Paris?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { location: 'Paris' } } },
          { functionCall: { name: 'get_time', args: { timezone: 'Europe/Paris' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_time', response: { time: '14:05' } } },
          { functionResponse: { name: 'get_weather', response: { output: 'Sunny, 21°C' } } },
          { text: 'And tomorrow?' },
        ],
      },
    ]);
  });

  it('wraps JSON results that are not objects, and reads array-form tool content', () => {
    const out = map({
      messages: [
        { role: 'user', content: 'List them' },
        { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'list_items', arguments: '' } }] },
        { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: '[1,2,3]' }] },
      ],
    });
    const contents = out.contents as { parts: unknown[] }[];
    expect(contents[1].parts).toEqual([{ functionCall: { name: 'list_items', args: {} } }]);
    expect(contents[2].parts).toEqual([{ functionResponse: { name: 'list_items', response: { output: '[1,2,3]' } } }]);
  });

  it('falls back to the tool message name, and rejects a tool result that answers no call', () => {
    const named = map({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'tool', tool_call_id: 'unknown', name: 'lookup', content: 'ok' },
      ],
    });
    expect((named.contents as { parts: unknown[] }[])[0].parts[1]).toEqual({ functionResponse: { name: 'lookup', response: { output: 'ok' } } });
    expect(() => map({ messages: [{ role: 'tool', tool_call_id: 'nope', content: 'ok' }] })).toThrow(/does not answer any earlier assistant tool_call/);
  });

  it('maps the legacy function role by its name', () => {
    const out = map({ messages: [{ role: 'user', content: 'x' }, { role: 'function', name: 'lookup', content: '{"a":1}' }] });
    expect((out.contents as { parts: unknown[] }[])[0].parts[1]).toEqual({ functionResponse: { name: 'lookup', response: { a: 1 } } });
  });

  it('rejects tool-call arguments that are not a JSON object', () => {
    expect(() =>
      map({ messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] }),
    ).toThrow(/not a JSON object/);
  });

  it('round-trips thought signatures from either client convention', () => {
    const out = map({
      messages: [
        { role: 'user', content: 'x' },
        {
          role: 'assistant',
          tool_calls: [
            { id: 'a', type: 'function', function: { name: 'f', arguments: '{}', thought_signature: 'sig-ref' } },
            { id: 'b', type: 'function', function: { name: 'g', arguments: '{}' }, extra_content: { google: { thought_signature: 'sig-google' } } },
          ],
        },
      ],
    });
    expect((out.contents as { parts: unknown[] }[])[1].parts).toEqual([
      { functionCall: { name: 'f', args: {} }, thoughtSignature: 'sig-ref' },
      { functionCall: { name: 'g', args: {} }, thoughtSignature: 'sig-google' },
    ]);
  });

  it('adds the documented placeholder signature to the first call of a step only on Gemini 3 models', () => {
    const messages = [
      { role: 'user', content: 'x' },
      {
        role: 'assistant',
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } },
          { id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } },
        ],
      },
    ];
    const gemini3 = map({ model: 'gemini-3-pro-preview', messages });
    expect((gemini3.contents as { parts: unknown[] }[])[1].parts).toEqual([
      { functionCall: { name: 'f', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
      { functionCall: { name: 'g', args: {} } },
    ]);
    const gemini25 = map({ model: 'gemini-2.5-flash', messages });
    expect((gemini25.contents as { parts: unknown[] }[])[1].parts).toEqual([
      { functionCall: { name: 'f', args: {} } },
      { functionCall: { name: 'g', args: {} } },
    ]);
  });

  it('requires messages and rejects unknown roles', () => {
    expect(() => map({ messages: [] })).toThrow(/messages is required/);
    expect(() => map({ messages: [{ role: 'critic', content: 'x' }] })).toThrow(UnsupportedRequestError);
  });

  it('requires a model', () => {
    expect(() => toGeminiChatRequest({ messages: [{ role: 'user', content: 'x' }] }, chatCtx())).toThrow('model is required');
  });
});

describe('toGeminiChatRequest: tools', () => {
  it('declares function tools in one functionDeclarations entry with schemas Gemini accepts', () => {
    const out = map({ messages: [{ role: 'user', content: 'x' }], tools: [weatherTool] });
    expect(out.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: {
              type: 'object',
              properties: {
                location: { type: 'string', description: 'City name' },
                unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
              },
              required: ['location'],
            },
          },
        ],
      },
    ]);
  });

  it('declares an argument-less function without parameters and maps reserved names to native tools', () => {
    const out = map({
      messages: [{ role: 'user', content: 'x' }],
      tools: [
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
        { type: 'function', function: { name: 'googleSearch' } },
      ],
    });
    expect(out.tools).toEqual([{ functionDeclarations: [{ name: 'get_time' }] }, { googleSearch: {} }]);
  });

  it('rejects tool types other than function', () => {
    expect(() => map({ messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'custom', custom: { name: 'x' } }] })).toThrow(
      /tools of type "custom"/,
    );
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
    [{ type: 'function', function: { name: 'get_weather' } }, { mode: 'ANY', allowedFunctionNames: ['get_weather'] }],
  ])('maps tool_choice %j', (toolChoice, functionCallingConfig) => {
    const out = map({ messages: [{ role: 'user', content: 'x' }], tools: [weatherTool], tool_choice: toolChoice });
    expect(out.toolConfig).toEqual({ functionCallingConfig });
  });

  it('sends no toolConfig without tool_choice or without tools', () => {
    expect(map({ messages: [{ role: 'user', content: 'x' }], tools: [weatherTool] })).not.toHaveProperty('toolConfig');
    expect(map({ messages: [{ role: 'user', content: 'x' }], tool_choice: 'required' })).not.toHaveProperty('toolConfig');
  });
});

describe('toGeminiChatRequest: generationConfig', () => {
  it('maps sampling and length options', () => {
    const out = map({
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      max_tokens: 256,
      stop: 'END',
      n: 2,
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      logprobs: true,
      top_logprobs: 3,
      user: 'u-1',
      parallel_tool_calls: false,
    });
    expect(out.generationConfig).toEqual({
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      candidateCount: 2,
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      responseLogprobs: true,
      logprobs: 3,
    });
    expect(out).not.toHaveProperty('user');
    expect(out).not.toHaveProperty('parallel_tool_calls');
  });

  it('sends top_logprobs only together with logprobs', () => {
    expect(map({ messages: [{ role: 'user', content: 'x' }], top_logprobs: 3 })).not.toHaveProperty('generationConfig');
  });

  it('prefers max_completion_tokens, keeps stop arrays, ignores nulls and omits an empty config', () => {
    const out = map({ messages: [{ role: 'user', content: 'x' }], max_tokens: 10, max_completion_tokens: 99, stop: ['a', 'b'], temperature: null });
    expect(out.generationConfig).toEqual({ maxOutputTokens: 99, stopSequences: ['a', 'b'] });
    expect(map({ messages: [{ role: 'user', content: 'x' }], temperature: null })).not.toHaveProperty('generationConfig');
  });

  it('maps json_object to a JSON MIME type', () => {
    const out = map({ messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_object' } });
    expect(out.generationConfig).toEqual({ responseMimeType: 'application/json' });
  });

  it('maps json_schema to responseSchema with the schema cleaned for Gemini', () => {
    const out = map({
      messages: [{ role: 'user', content: 'x' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'recipe',
          strict: true,
          schema: {
            type: 'object',
            additionalProperties: false,
            properties: {
              name: { type: 'string' },
              servings: { type: ['integer', 'null'] },
              ingredients: { type: 'array', items: { $ref: '#/$defs/ingredient' } },
            },
            required: ['name', 'servings', 'ingredients'],
            $defs: {
              ingredient: {
                type: 'object',
                additionalProperties: false,
                properties: { item: { type: 'string' }, grams: { type: 'number' } },
                required: ['item', 'grams'],
              },
            },
          },
        },
      },
    });
    expect(out.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          servings: { type: 'integer', nullable: true },
          ingredients: {
            type: 'array',
            items: {
              type: 'object',
              properties: { item: { type: 'string' }, grams: { type: 'number' } },
              required: ['item', 'grams'],
            },
          },
        },
        required: ['name', 'servings', 'ingredients'],
      },
    });
  });

  it('maps modalities, and reasoning_effort to a budget on 2.5 and a level on Gemini 3', () => {
    expect(map({ messages: [{ role: 'user', content: 'x' }], modalities: ['text', 'image'] }).generationConfig).toEqual({
      responseModalities: ['TEXT', 'IMAGE'],
    });
    expect(map({ messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'medium' }).generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 8192 },
    });
    expect(map({ model: 'gemini-3-flash-preview', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'high' }).generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: 'high' },
    });
  });

  it('maps the reference thinking shape, and asks for thought summaries when strict compliance is off', () => {
    expect(map({ messages: [{ role: 'user', content: 'x' }], thinking: { type: 'enabled', budget_tokens: 2048 } }).generationConfig).toEqual({
      thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 },
    });
    expect(map({ messages: [{ role: 'user', content: 'x' }], thinking: { type: 'disabled' } }).generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 0 },
    });
    const loose = map({ messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'low' }, chatCtx({ strictOpenAiCompliance: false }));
    expect(loose.generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
  });

  it('passes Gemini safety settings through', () => {
    const safety = [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }];
    expect(map({ messages: [{ role: 'user', content: 'x' }], safety_settings: safety }).safetySettings).toEqual(safety);
  });
});
