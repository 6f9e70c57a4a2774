import type { ServerResponse } from 'node:http';
import type { Json } from '@aigw/providers';
import { chatResponseToMessages, chatResponseToResponses } from '@aigw/providers';
import type { RequestContext } from '../request/request-context.js';
import type { LeafOutcome } from './leaf-outcome.js';
import { type OutcomeWriter, requestedModel, sinkFor } from './outcome-writer.js';
import { responseHeaders } from './response-headers.js';
import { endWithWholeBody } from './whole-body.js';

/**
 * Writes a cache hit in the form the client asked for: JSON bytes as first served, a completion
 * translated for Messages/Responses clients, or a stream replayed through the same sinks as a live
 * one (so `[DONE]`, the Anthropic/Responses event grammar and usage-when-asked are the same).
 */
export function writeCachedAnswer(ctx: RequestContext, outcome: LeafOutcome, res: ServerResponse, writer: OutcomeWriter): void {
  const answer = outcome.cached!;
  ctx.upstreamModel = answer.model || ctx.upstreamModel;
  ctx.usage = answer.usage;
  if (answer.kind === 'bytes') {
    ctx.status = 200;
    const headers = responseHeaders(ctx, undefined, answer.contentType);
    ctx.ttfbMs = ctx.elapsedMs();
    endWithWholeBody(res, 200, headers, answer.body);
    return;
  }
  if (answer.kind === 'completion') {
    const completion = answer.completion;
    const body =
      outcome.translation === 'messages'
        ? chatResponseToMessages(completion, requestedModel(ctx, answer.model))
        : outcome.translation === 'responses'
          ? chatResponseToResponses(completion, ctx.body)
          : completion;
    writer.writeJson(ctx, res, 200, body, undefined);
    return;
  }
  ctx.status = 200;
  res.writeHead(200, { ...responseHeaders(ctx, undefined, 'text/event-stream; charset=utf-8'), 'cache-control': 'no-cache' });
  ctx.ttfbMs = ctx.elapsedMs();
  const sink = sinkFor(ctx, outcome.translation, answer.model);
  let out = '';
  // The translating sinks build events from the chunk objects: give them copies, the stored ones are shared.
  for (const chunk of answer.chunks) out += sink.chunk(outcome.translation ? (structuredClone(chunk) as Json) : chunk);
  res.end(out + sink.end());
}
