import type { StreamEvent } from '../../core/types.js';

/**
 * Splits raw `text/event-stream` text into events the way the gateway's SSE framing does, so
 * fixtures can be kept in Anthropic's exact wire format.
 */
export function parseSse(text: string): StreamEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((frame) => {
      let event: string | undefined;
      const data: string[] = [];
      for (const line of frame.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return { event, data: data.join('\n') };
    })
    .filter((e) => e.event !== undefined || e.data !== '');
}
