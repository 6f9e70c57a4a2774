import type { Json, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * OpenAI chat → watsonx.ai `POST /ml/v1/text/chat` (and `/chat_stream`). The body is close to
 * OpenAI's: the same messages (roles system, user, assistant, tool; `developer` becomes
 * `system`), tools and sampling fields, but the model is `model_id`, the project or deployment
 * space is named in the body, a forced tool is `tool_choice` while `auto`/`none`/`required` go in
 * `tool_choice_option`, and there is no `stream` flag (the path says it).
 */
export function toWatsonxChatRequest(body: Json, ctx: TransformContext): Json {
  const { model, stream: _stream, stream_options: _streamOptions, tool_choice: toolChoice, messages, user: _user, ...rest } = body;
  if (typeof model !== 'string' || !model) throw new UnsupportedRequestError('watsonx: model is required');
  const out: Json = { model_id: model, ...scope(ctx), ...rest, messages: toWatsonxMessages(messages) };
  if (typeof toolChoice === 'string') out.tool_choice_option = toolChoice;
  else if (toolChoice && typeof toolChoice === 'object') out.tool_choice = toolChoice;
  return out;
}

/** A project or a deployment space; watsonx refuses a chat that names neither. */
function scope(ctx: TransformContext): Json {
  const { watsonxProjectId: project, watsonxSpaceId: space } = ctx.options;
  if (typeof project === 'string' && project) return { project_id: project };
  if (typeof space === 'string' && space) return { space_id: space };
  throw new UnsupportedRequestError('watsonx needs a project or space: watsonx_project_id (x-portkey-watsonx-project-id) or watsonx_space_id');
}

function toWatsonxMessages(messages: unknown): unknown {
  if (!Array.isArray(messages)) return messages;
  return (messages as Json[]).map((m) => (m.role === 'developer' ? { ...m, role: 'system' } : m));
}
