import { formatPretty } from './pretty-stream.js';

describe('formatPretty (terminal log lines)', () => {
  const line = JSON.stringify({ level: 'warn', time: '2026-12-02T03:30:33.736Z', pid: 1, context: 'Limits', msg: 'Cost alert', traceId: 'abc', status: 429 });

  it('prints time, level, context, message and the other fields as key=value', () => {
    expect(formatPretty(line, false)).toBe('03:30:33.736 WARN  [Limits] Cost alert traceId=abc status=429\n');
  });

  it('colours the level only when asked', () => {
    expect(formatPretty(line, true)).toContain('\u001b[33mWARN \u001b[0m');
  });

  it('passes a line that is not JSON through', () => {
    expect(formatPretty('plain text\n', false)).toBe('plain text\n');
  });
});
