import type { Json } from '@aigw/providers';
import type { UsageCounts } from '../request/request-context.js';
import { usageCounts } from './usage.js';

/**
 * The gateway always asks providers for stream usage (to log tokens), but a client only gets it
 * when it asked (`stream_options.include_usage`), as OpenAI does. This decides, per chunk, what
 * the client sees, and records the usage either way.
 */
export class UsageChunkFilter {
  usage?: UsageCounts;

  constructor(private readonly clientWantsUsage: boolean) {}

  /** For a parsed chunk: the chunk to send, or undefined to drop it. */
  filterObject(chunk: Json): Json | undefined {
    if (chunk.usage === undefined || chunk.usage === null) return chunk;
    this.usage = usageCounts(chunk.usage) ?? this.usage;
    if (this.clientWantsUsage) return chunk;
    const choices = chunk.choices as unknown[] | undefined;
    if (!choices || choices.length === 0) return undefined;
    const { usage: _dropped, ...rest } = chunk;
    return rest;
  }

  /**
   * For a passthrough SSE data line (already OpenAI's format): returns the text to send, or
   * undefined to drop it. Only lines that mention usage are parsed; the rest pass as they are.
   */
  filterText(data: string): string | undefined {
    // Most chunks carry no usage, or `"usage":null` (every chunk once usage is asked for):
    // recognise both without parsing the JSON.
    const at = data.lastIndexOf('"usage"');
    if (at === -1) return data;
    let i = at + 7;
    while (data.charCodeAt(i) === 0x20 || data.charCodeAt(i) === 0x3a) i++; // spaces and the colon
    if (data.startsWith('null', i)) return data;
    let chunk: Json;
    try {
      chunk = JSON.parse(data) as Json;
    } catch {
      return data;
    }
    if (chunk.usage === undefined || chunk.usage === null) return data;
    const kept = this.filterObject(chunk);
    if (kept === undefined) return undefined;
    return kept === chunk ? data : JSON.stringify(kept);
  }
}
