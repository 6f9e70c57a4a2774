import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('parses events split at arbitrary points, with event names and multi-line data', () => {
    const text = 'event: message_start\ndata: {"a":1}\n\n: comment\n\ndata: line1\ndata: line2\n\nevent: ping\ndata: {}\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut)), ...parser.flush()];
      expect(events).toEqual([
        { event: 'message_start', data: '{"a":1}' },
        { data: 'line1\nline2' },
        { event: 'ping', data: '{}' },
      ]);
    }
  });

  it('accepts CRLF framing and a final event without its blank line', () => {
    const parser = new SseParser();
    expect(parser.push('data: one\r\n\r\ndata: two')).toEqual([{ data: 'one' }]);
    expect(parser.flush()).toEqual([{ data: 'two' }]);
  });

  it('keeps a value without the optional space and ignores events without data', () => {
    const parser = new SseParser();
    expect(parser.push('data:{"x":1}\n\nevent: lonely\n\n')).toEqual([{ data: '{"x":1}' }]);
  });
});
