import type { StreamEvent } from '@aigw/providers';

/**
 * Incremental Server-Sent Events parser: feed it decoded text as it arrives, get complete events.
 * Handles `\n`, `\r\n` and `\r` line ends, multi-line `data:`, comments and chunk boundaries that
 * fall anywhere (even inside a line).
 */
export class SseParser {
  private buffer = '';
  /** Whether any `\r` was seen: most streams use bare `\n`, and then one scan per event suffices. */
  private sawCR = false;

  push(text: string): StreamEvent[] {
    this.buffer += text;
    if (!this.sawCR && text.indexOf('\r') !== -1) this.sawCR = true;
    const events: StreamEvent[] = [];
    let start = 0;
    for (;;) {
      const end = this.sawCR ? findEventEnd(this.buffer, start) : findLfEventEnd(this.buffer, start);
      if (end === -1) break;
      const event = parseEvent(this.buffer.slice(start, end.at));
      if (event) events.push(event);
      start = end.at + end.length;
    }
    this.buffer = start === 0 ? this.buffer : this.buffer.slice(start);
    return events;
  }

  /** Whatever is left when the stream ends (a final event without its blank line). */
  flush(): StreamEvent[] {
    const rest = this.buffer;
    this.buffer = '';
    const event = rest.trim() ? parseEvent(rest) : undefined;
    return event ? [event] : [];
  }
}

function findLfEventEnd(text: string, from: number): { at: number; length: number } | -1 {
  const at = text.indexOf('\n\n', from);
  return at === -1 ? -1 : { at, length: 2 };
}

function findEventEnd(text: string, from: number): { at: number; length: number } | -1 {
  // The common case first: providers separate events with "\n\n".
  const lf = text.indexOf('\n\n', from);
  const crlf = text.indexOf('\r\n\r\n', from);
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf !== -1) return { at: lf, length: 2 };
  const cr = text.indexOf('\r\r', from);
  return cr === -1 ? -1 : { at: cr, length: 2 };
}

function parseEvent(block: string): StreamEvent | undefined {
  // Fast path for the common event, a single `data: …` line (OpenAI-style streams).
  if (block.startsWith('data: ') && block.indexOf('\n') === -1 && block.indexOf('\r') === -1) return { data: block.slice(6) };
  let event: string | undefined;
  let data: string | undefined;
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') event = value;
  }
  if (data === undefined) return undefined;
  return event === undefined ? { data } : { event, data };
}
