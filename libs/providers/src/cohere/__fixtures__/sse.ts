import type { StreamEvent } from '../../core/types.js';

/** Splits `text/event-stream` text into events as the gateway's SSE framing does (blank-line separated). */
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
      return { ...(event ? { event } : {}), data: data.join('\n') };
    })
    .filter((e) => e.event !== undefined || e.data !== '');
}

/** Splits newline-delimited JSON into events as the gateway's ndjson framing does (one line each). */
export function parseNdjson(text: string): StreamEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((data) => ({ data }));
}
