/**
 * Server-sent-event framing. Providers differ in details the gateway must cope with: OpenAI and
 * Anthropic separate events with `\n\n`, Gemini with `\r\n\r\n`; Anthropic names every event.
 */

export const LF = '\n\n';
export const CRLF = '\r\n\r\n';

/** `data: <json>` frame. */
export function dataFrame(payload: unknown, sep: string = LF): string {
  return `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}${sep}`;
}

/** `event: <name>` + `data: <json>` frame (Anthropic's grammar). */
export function eventFrame(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}${LF}`;
}

/** The OpenAI terminator, precomputed. */
export const DONE_FRAME = 'data: [DONE]\n\n';

export interface SseEvent {
  /** The `event:` name, when the frame had one. */
  event?: string;
  /** The joined `data:` lines, unparsed. */
  data: string;
}

/**
 * Parses an SSE body (any of `\n`, `\r\n`, `\r` line endings) into events. Exported for tests,
 * here and in the gateway's end-to-end suites.
 */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r\n\r\n|\n\n|\r\r/)) {
    if (!block.trim()) continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line.startsWith(':')) continue; // comment / keep-alive
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (event === undefined && data.length === 0) continue;
    events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  return events;
}
