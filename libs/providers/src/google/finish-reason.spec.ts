import { mapFinishReason } from './finish-reason.js';

describe('mapFinishReason', () => {
  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['BLOCKLIST', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['IMAGE_SAFETY', 'content_filter'],
    ['OTHER', 'stop'],
    ['MALFORMED_FUNCTION_CALL', 'stop'],
    ['FINISH_REASON_UNSPECIFIED', 'stop'],
    [undefined, 'stop'],
  ])('maps %s to %s', (reason, expected) => {
    expect(mapFinishReason(reason, false, true)).toBe(expected);
  });

  it('reports tool_calls for a candidate that called functions, unless it was cut or blocked', () => {
    expect(mapFinishReason('STOP', true, true)).toBe('tool_calls');
    expect(mapFinishReason('MAX_TOKENS', true, true)).toBe('length');
    expect(mapFinishReason('SAFETY', true, true)).toBe('content_filter');
  });

  it('passes the raw reason through when strict compliance is off', () => {
    expect(mapFinishReason('RECITATION', false, false)).toBe('RECITATION');
    expect(mapFinishReason(undefined, false, false)).toBe('stop');
  });
});
