import type { BinaryEventParser, StreamEvent } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { EventStreamDecodeError, createEventStreamParser } from './event-stream.js';

/**
 * The gateway's binary parser for Bedrock streams: AWS event-stream frames → StreamEvents. A
 * corrupt frame (CRC mismatch, impossible lengths) is reported like any other in-stream failure,
 * as a ProviderStreamError, so the client learns the stream broke rather than seeing it just end.
 */
export function createBedrockEventParser(): BinaryEventParser {
  const parser = createEventStreamParser();
  return {
    push(chunk: Uint8Array): StreamEvent[] {
      try {
        return parser.push(chunk);
      } catch (error) {
        if (!(error instanceof EventStreamDecodeError)) throw error;
        throw new ProviderStreamError({
          error: { message: `bedrock error: corrupt event stream (${error.message})`, type: 'EventStreamDecodeError', param: null, code: null },
          provider: 'bedrock',
        });
      }
    },
  };
}
