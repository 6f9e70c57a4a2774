/**
 * Cohere streams in the documented wire format (https://docs.cohere.com/v2/docs/streaming,
 * https://docs.cohere.com/reference/chat-stream, and the legacy /v1/generate stream schema).
 */

/** A plain text answer: message-start, one content block, message-end with usage. */
export const TEXT_STREAM = `event: message-start
data: {"id":"29f14a5a-11de-4cae-9800-25e4747408ea","type":"message-start","delta":{"message":{"role":"assistant","content":[],"tool_plan":"","tool_calls":[],"citations":[]}}}

event: content-start
data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hola"}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":" Juan"}}}}

event: content-end
data: {"type":"content-end","index":0}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":9,"output_tokens":2},"tokens":{"input_tokens":205,"output_tokens":4}}}}

`;

/** A tool plan, then two tool calls whose arguments stream in fragments. */
export const TOOL_STREAM = `event: message-start
data: {"id":"8c4f1fd4-8d4a-4c8b-9c5d-2a4e0d7f0e11","type":"message-start","delta":{"message":{"role":"assistant","content":[],"tool_plan":"","tool_calls":[],"citations":[]}}}

event: tool-plan-delta
data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will look up"}}}

event: tool-plan-delta
data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":" the weather."}}}

event: tool-call-start
data: {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_nsz5zm3w56q3","type":"function","function":{"name":"get_weather","arguments":""}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\n    \\""}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"location\\": \\"Toronto\\"\\n}"}}}}}

event: tool-call-end
data: {"type":"tool-call-end","index":0}

event: tool-call-start
data: {"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":{"id":"get_time_b3v9wq1k0e2r","type":"function","function":{"name":"get_time","arguments":""}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":1,"delta":{"message":{"tool_calls":{"function":{"arguments":"{}"}}}}}

event: tool-call-end
data: {"type":"tool-call-end","index":1}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"billed_units":{"input_tokens":50,"output_tokens":26},"tokens":{"input_tokens":793,"output_tokens":61},"cached_tokens":176}}}

`;

/** /v1/generate with `stream: true`: newline-delimited JSON events. */
export const GENERATE_STREAM = [
  '{"is_finished":false,"event_type":"text-generation","text":"LLMs"}',
  '{"is_finished":false,"event_type":"text-generation","text":" predict the next token."}',
  '{"is_finished":true,"event_type":"stream-end","finish_reason":"COMPLETE","response":{"id":"8a3f6b1e-5c4d-4f3e-9a2b-1c0d9e8f7a6b","generations":[{"id":"e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b","text":"LLMs predict the next token.","finish_reason":"COMPLETE"}],"prompt":"Please explain to me how LLMs work"}}',
  '',
].join('\n');
