import { concat, converseEvent, converseException } from './event-stream-encoder.js';

/**
 * ConverseStream bodies in Bedrock's wire shape: event frames whose JSON payloads carry the
 * `p` padding field Bedrock adds to hide payload sizes.
 */

export const TEXT_STREAM = concat([
  converseEvent('messageStart', { p: 'abcdefghijk', role: 'assistant' }),
  converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' }, p: 'abcd' }),
  converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ', world!' }, p: 'abcdefgh' }),
  converseEvent('contentBlockStop', { contentBlockIndex: 0, p: 'abcdefghijklmnop' }),
  converseEvent('messageStop', { p: 'abcdefghij', stopReason: 'end_turn' }),
  converseEvent('metadata', {
    metrics: { latencyMs: 412 },
    p: 'abc',
    usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17, cacheReadInputTokens: 100, cacheWriteInputTokens: 0 },
  }),
]);

/** Text, then two tool calls: content blocks 0 (text), 1 and 2 (toolUse). */
export const TWO_TOOLS_STREAM = concat([
  converseEvent('messageStart', { p: 'abc', role: 'assistant' }),
  converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Checking both.' }, p: 'ab' }),
  converseEvent('contentBlockStop', { contentBlockIndex: 0, p: 'abcd' }),
  converseEvent('contentBlockStart', { contentBlockIndex: 1, p: 'ab', start: { toolUse: { name: 'get_weather', toolUseId: 'tooluse_Paris01' } } }),
  converseEvent('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } }, p: 'a' }),
  converseEvent('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '"Paris"}' } }, p: 'abc' }),
  converseEvent('contentBlockStop', { contentBlockIndex: 1, p: 'abcdef' }),
  converseEvent('contentBlockStart', { contentBlockIndex: 2, p: 'ab', start: { toolUse: { name: 'get_weather', toolUseId: 'tooluse_Tokyo02' } } }),
  converseEvent('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":"Tokyo"}' } }, p: 'a' }),
  converseEvent('contentBlockStop', { contentBlockIndex: 2, p: 'abcdef' }),
  converseEvent('messageStop', { p: 'abc', stopReason: 'tool_use' }),
  converseEvent('metadata', { metrics: { latencyMs: 900 }, p: 'a', usage: { inputTokens: 300, outputTokens: 80, totalTokens: 380 } }),
]);

/** The model starts answering, then Bedrock throttles the stream after the 200. */
export const THROTTLED_STREAM = concat([
  converseEvent('messageStart', { p: 'abc', role: 'assistant' }),
  converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Partial' }, p: 'ab' }),
  converseException('throttlingException', 'Too many tokens, please wait before trying again.'),
]);
