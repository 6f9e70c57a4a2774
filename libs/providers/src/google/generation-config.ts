import type { Json, TransformContext } from '../core/types.js';
import { cleanSchema } from './schema-cleaner.js';
import { isGemini3OrLater, isObject } from './util.js';

/**
 * OpenAI sampling and output options → Gemini `generationConfig`. Clients often send explicit
 * `null`s for unset options; those are treated as absent.
 */
export function mapGenerationConfig(body: Json, model: string, ctx: TransformContext): Json {
  const config: Json = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) config[key] = value;
  };

  set('temperature', body.temperature);
  set('topP', body.top_p);
  set('topK', body.top_k);
  set('maxOutputTokens', body.max_completion_tokens ?? body.max_tokens);
  if (typeof body.stop === 'string' && body.stop) config.stopSequences = [body.stop];
  else if (Array.isArray(body.stop) && body.stop.length > 0) config.stopSequences = body.stop;
  set('candidateCount', body.n);
  set('seed', body.seed);
  set('presencePenalty', body.presence_penalty);
  set('frequencyPenalty', body.frequency_penalty);
  if (body.logprobs === true) {
    // Gemini's `logprobs` (the top-N count) is only valid together with responseLogprobs.
    config.responseLogprobs = true;
    set('logprobs', body.top_logprobs);
  }
  if (Array.isArray(body.modalities)) config.responseModalities = body.modalities.map((m) => String(m).toUpperCase());

  Object.assign(config, responseFormat(body.response_format));
  const thinking = thinkingConfig(body, model, ctx);
  if (thinking) config.thinkingConfig = thinking;
  return config;
}

function responseFormat(format: unknown): Json {
  if (!isObject(format)) return {};
  if (format.type === 'json_object') return { responseMimeType: 'application/json' };
  if (format.type === 'json_schema') {
    const spec = isObject(format.json_schema) ? format.json_schema : {};
    return spec.schema === undefined
      ? { responseMimeType: 'application/json' }
      : { responseMimeType: 'application/json', responseSchema: cleanSchema(spec.schema) };
  }
  return {};
}

/** Budgets Google documents as the equivalents of OpenAI's efforts on budget-based (2.5) models. */
const EFFORT_BUDGET: Record<string, number> = { none: 0, minimal: 1024, low: 1024, medium: 8192, high: 24576 };

/**
 * The reference's `thinking: {type, budget_tokens}` (Anthropic's shape) and OpenAI's
 * `reasoning_effort` → `thinkingConfig`. Gemini 2.5 takes a token budget; Gemini 3 takes a level and
 * cannot switch thinking off, so `none` asks for the lowest level every Gemini 3 model accepts.
 * Thought summaries are requested when thinking is explicitly enabled or when strict compliance
 * is off (the only mode in which they are returned to the client).
 */
function thinkingConfig(body: Json, model: string, ctx: TransformContext): Json | undefined {
  const out: Json = {};
  const thinking = isObject(body.thinking) ? body.thinking : undefined;
  if (thinking?.type === 'enabled') {
    out.includeThoughts = true;
    if (typeof thinking.budget_tokens === 'number') out.thinkingBudget = thinking.budget_tokens;
  } else if (thinking?.type === 'disabled') {
    out.thinkingBudget = 0;
  }
  const effort = typeof body.reasoning_effort === 'string' ? body.reasoning_effort : undefined;
  if (effort && out.thinkingBudget === undefined) {
    if (isGemini3OrLater(model)) out.thinkingLevel = effort === 'none' ? 'low' : effort;
    else if (EFFORT_BUDGET[effort] !== undefined) out.thinkingBudget = EFFORT_BUDGET[effort];
  }
  if (Object.keys(out).length === 0) return undefined;
  if (!ctx.strictOpenAiCompliance && out.thinkingBudget !== 0) out.includeThoughts = true;
  return out;
}
