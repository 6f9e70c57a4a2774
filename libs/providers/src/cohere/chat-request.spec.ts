import { UnsupportedRequestError } from '../core/types.js';
import { toCohereChatRequest } from './chat-request.js';

const MODEL = 'command-a-03-2025';
const WEATHER_TOOL = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
};
const TIME_TOOL = { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } };

describe('toCohereChatRequest', () => {
  it('maps messages and renames sampling parameters to Cohere’s', () => {
    expect(
      toCohereChatRequest({
        model: MODEL,
        messages: [
          { role: 'developer', content: 'Answer in Spanish.' },
          { role: 'user', content: 'Hello' },
        ],
        max_completion_tokens: 200,
        stop: 'END',
        temperature: 0.3,
        top_p: 0.9,
        top_k: 40,
        seed: 7,
        frequency_penalty: 0.1,
        presence_penalty: 0.2,
        stream: true,
        user: 'u-1',
        logprobs: true,
      }),
    ).toEqual({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Answer in Spanish.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 200,
      stop_sequences: ['END'],
      temperature: 0.3,
      p: 0.9,
      k: 40,
      seed: 7,
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
      stream: true,
    });
  });

  it('keeps the tool history: assistant tool calls (with their plan) and tool results', () => {
    const out = toCohereChatRequest({
      model: MODEL,
      messages: [
        { role: 'user', content: 'Weather in Toronto?' },
        {
          role: 'assistant',
          content: 'I will look up the weather.',
          tool_calls: [{ id: 'get_weather_nsz5zm3w56q3', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Toronto"}' } }],
        },
        { role: 'tool', tool_call_id: 'get_weather_nsz5zm3w56q3', content: '{"temperature_c":21}' },
        { role: 'assistant', content: [{ type: 'text', text: 'It is 21°C.' }] },
      ],
      tools: [WEATHER_TOOL],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'Weather in Toronto?' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'get_weather_nsz5zm3w56q3', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Toronto"}' } }],
        tool_plan: 'I will look up the weather.',
      },
      { role: 'tool', tool_call_id: 'get_weather_nsz5zm3w56q3', content: '{"temperature_c":21}' },
      { role: 'assistant', content: 'It is 21°C.' },
    ]);
    expect(out.tools).toEqual([WEATHER_TOOL]);
  });

  it('passes user images as image_url parts', () => {
    const out = toCohereChatRequest({
      model: 'command-a-vision-07-2025',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } }] }],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } }] },
    ]);
  });

  it.each([
    ['required', 'REQUIRED'],
    ['none', 'NONE'],
  ])('maps tool_choice %s to %s', (choice, expected) => {
    expect(toCohereChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'q' }], tools: [WEATHER_TOOL], tool_choice: choice }).tool_choice).toBe(expected);
  });

  it('leaves auto to Cohere’s default', () => {
    expect(toCohereChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'q' }], tools: [WEATHER_TOOL], tool_choice: 'auto' })).not.toHaveProperty('tool_choice');
  });

  it('forces a named tool by requiring a call with only that tool offered', () => {
    const out = toCohereChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'q' }], tools: [WEATHER_TOOL, TIME_TOOL], tool_choice: { type: 'function', function: { name: 'get_time' } } });
    expect(out.tools).toEqual([TIME_TOOL]);
    expect(out.tool_choice).toBe('REQUIRED');
  });

  it('turns per-tool strict into strict_tools and drops the field Cohere does not know', () => {
    const strictTool = { type: 'function', function: { ...WEATHER_TOOL.function, strict: true } };
    const out = toCohereChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'q' }], tools: [strictTool] });
    expect(out.strict_tools).toBe(true);
    expect(out.tools).toEqual([WEATHER_TOOL]);
  });

  it('maps response formats to Cohere JSON mode', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const base = { model: MODEL, messages: [{ role: 'user', content: 'q' }] };
    expect(toCohereChatRequest({ ...base, response_format: { type: 'json_object' } }).response_format).toEqual({ type: 'json_object' });
    expect(toCohereChatRequest({ ...base, response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } } }).response_format).toEqual({ type: 'json_object', json_schema: schema });
    expect(toCohereChatRequest({ ...base, response_format: { type: 'text' } })).not.toHaveProperty('response_format');
  });

  it('forwards Cohere-only fields', () => {
    const documents = [{ id: 'doc:1', data: { text: 'Gym memberships are covered.' } }];
    const out = toCohereChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'Perks?' }], documents, citation_options: { mode: 'FAST' }, safety_mode: 'STRICT' });
    expect(out).toMatchObject({ documents, citation_options: { mode: 'FAST' }, safety_mode: 'STRICT' });
  });

  it('refuses what Cohere cannot express', () => {
    const base = { model: MODEL, messages: [{ role: 'user', content: 'q' }] };
    expect(() => toCohereChatRequest({ ...base, n: 2 })).toThrow(UnsupportedRequestError);
    expect(() => toCohereChatRequest({ model: MODEL, messages: [{ role: 'function', name: 'f', content: 'x' }] })).toThrow(UnsupportedRequestError);
    expect(() => toCohereChatRequest({ model: MODEL, messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }] }] })).toThrow(UnsupportedRequestError);
    expect(() => toCohereChatRequest({ model: MODEL, messages: [{ role: 'tool', content: 'x' }] })).toThrow(/tool_call_id/);
    expect(() => toCohereChatRequest({ messages: [{ role: 'user', content: 'q' }] })).toThrow(/model/);
  });
});
