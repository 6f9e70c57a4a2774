import type { ProviderAdapter, StreamAdapter, StreamTransformer, UnifiedError } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { geminiChatStream } from '../google/chat-stream.js';
import { googleError } from '../google/error.js';
import { google } from '../google/google.provider.js';

/**
 * `palm`: Google shut the PaLM API down (generateMessage, generateText, embedText are gone), but
 * configs written for the reference still name this provider. The id is kept and served by the
 * Gemini API on the same host and key, reusing the Google adapter's transforms: chat on
 * `generateContent` / `streamGenerateContent?alt=sse`, embeddings on `embedContent` /
 * `batchEmbedContents`. PaLM model names (chat-bison-001, embedding-gecko-001) no longer exist, so
 * such configs must name a Gemini model. The legacy `complete` endpoint is not offered.
 *
 * Errors are Google's, reported under this provider's id.
 */
export function palmError(status: number, body: unknown): UnifiedError {
  return asPalm(googleError(status, body));
}

function asPalm(error: UnifiedError): UnifiedError {
  const message = error.error.message.replace(/^google error: /, 'palm error: ');
  return { error: { ...error.error, message }, provider: 'palm' };
}

/** The Gemini stream, with errors raised inside the stream re-labelled as palm's. */
const palmChatStream: StreamAdapter = {
  framing: geminiChatStream.framing,
  create: (ctx) => {
    const inner = geminiChatStream.create(ctx);
    const relabel = (run: () => ReturnType<StreamTransformer['onEnd']>) => {
      try {
        return run();
      } catch (error) {
        if (error instanceof ProviderStreamError) throw new ProviderStreamError(asPalm(error.body));
        throw error;
      }
    };
    return { onEvent: (event) => relabel(() => inner.onEvent(event)), onEnd: () => relabel(() => inner.onEnd()) };
  },
};

/** Google's adapter under the `palm` id: only the stream relabelling and error prefix differ. */
export const palm: ProviderAdapter = {
  ...google,
  id: 'palm',
  displayName: 'Google PaLM (served by Gemini)',
  endpoints: { ...google.endpoints, chatComplete: { ...google.endpoints.chatComplete!, stream: palmChatStream } },
  error: (status, body) => palmError(status, body),
};
