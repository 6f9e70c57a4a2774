/**
 * For a streamed request drawn for shadow traffic only: collects the text of the answer as the
 * stream passes (the chunks' `delta.content`), so its agreement with the shadow's answer can be
 * scored. Bounded to the characters the similarity reads; every other stream is left unwrapped.
 */
import type { Json } from '@aigw/providers';
import type { ChunkSink } from '../streaming/chunk-sinks.js';
import { SIMILARITY_CHARS } from './similarity.js';

export function capturingStreamText(sink: ChunkSink, into: { text?: string }): ChunkSink {
  into.text = '';
  const add = (chunk: unknown) => {
    if (into.text!.length >= SIMILARITY_CHARS) return;
    const choices = (chunk as { choices?: { delta?: { content?: unknown }; text?: unknown }[] } | undefined)?.choices;
    if (!Array.isArray(choices)) return;
    for (const choice of choices) {
      const piece = choice?.delta?.content ?? choice?.text;
      if (typeof piece === 'string') into.text += piece;
    }
  };
  return {
    get usage() {
      return sink.usage;
    },
    chunk(chunk: Json): string {
      add(chunk);
      return sink.chunk(chunk);
    },
    text(data: string): string {
      if (into.text!.length < SIMILARITY_CHARS) {
        try {
          add(JSON.parse(data));
        } catch {
          // Not JSON: nothing to collect; the sink decides what to write.
        }
      }
      return sink.text(data);
    },
    end: () => sink.end(),
    error: (status: number, body: unknown) => sink.error(status, body),
  };
}
