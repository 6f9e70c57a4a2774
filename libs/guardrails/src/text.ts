import type { HookContext, JsonObject } from './types.js';

/**
 * Where the text of a request or response lives, for chat completions, legacy completions,
 * embeddings and the Anthropic Messages API. Checks judge the latest turn (as the reference does);
 * redaction rewrites every text the body carries.
 */
export function subjectText(ctx: HookContext): string {
  return ctx.event === 'afterRequestHook' ? responseText(ctx.response?.json ?? {}) : requestText(ctx.request.json);
}

/** The JSON a check of this event judges. */
export function subjectJson(ctx: HookContext): JsonObject {
  return ctx.event === 'afterRequestHook' ? (ctx.response?.json ?? {}) : ctx.request.json;
}

export function requestText(json: JsonObject): string {
  if (Array.isArray(json.messages) && json.messages.length) return contentText((json.messages.at(-1) as JsonObject)?.content);
  if (json.prompt !== undefined) return stringsOf(json.prompt).join('\n');
  if (json.input !== undefined) return stringsOf(json.input).join('\n');
  return '';
}

export function responseText(json: JsonObject): string {
  const choice = Array.isArray(json.choices) ? (json.choices[0] as JsonObject | undefined) : undefined;
  if (choice) {
    const message = choice.message as JsonObject | undefined;
    if (message) return contentText(message.content);
    if (typeof choice.text === 'string') return choice.text;
  }
  if (Array.isArray(json.content)) return contentText(json.content);
  return '';
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part && typeof (part as JsonObject).text === 'string' ? ((part as JsonObject).text as string) : '')).filter(Boolean).join('\n');
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

type Rewrite = (text: string) => string;

/** The request with `fn` applied to every text in it (all turns, system, prompt, input); a copy, or the same object when nothing changed. */
export function mapRequestText(json: JsonObject, fn: Rewrite): JsonObject {
  let changed = false;
  const out: JsonObject = { ...json };
  const rewrite = (text: string) => {
    const next = fn(text);
    if (next !== text) changed = true;
    return next;
  };
  if (Array.isArray(json.messages)) out.messages = json.messages.map((m) => (m && typeof m === 'object' ? { ...(m as JsonObject), content: mapContent((m as JsonObject).content, rewrite) } : m));
  if (json.system !== undefined) out.system = mapContent(json.system, rewrite);
  if (json.prompt !== undefined) out.prompt = mapStrings(json.prompt, rewrite);
  if (json.input !== undefined) out.input = mapStrings(json.input, rewrite);
  return changed ? out : json;
}

/** The response with `fn` applied to every choice's text (or every Anthropic text block). */
export function mapResponseText(json: JsonObject, fn: Rewrite): JsonObject {
  let changed = false;
  const rewrite = (text: string) => {
    const next = fn(text);
    if (next !== text) changed = true;
    return next;
  };
  const out: JsonObject = { ...json };
  if (Array.isArray(json.choices)) {
    out.choices = json.choices.map((c) => {
      const choice = { ...(c as JsonObject) };
      if (choice.message && typeof choice.message === 'object') {
        const message = choice.message as JsonObject;
        choice.message = { ...message, content: mapContent(message.content, rewrite) };
      }
      if (typeof choice.text === 'string') choice.text = rewrite(choice.text);
      return choice;
    });
  }
  if (Array.isArray(json.content)) out.content = mapContent(json.content, rewrite);
  return changed ? out : json;
}

function mapContent(content: unknown, fn: Rewrite): unknown {
  if (typeof content === 'string') return fn(content);
  if (!Array.isArray(content)) return content;
  return content.map((part) => {
    if (!part || typeof part !== 'object') return part;
    const p = part as JsonObject;
    if (typeof p.text === 'string') return { ...p, text: fn(p.text) };
    return part;
  });
}

function mapStrings(value: unknown, fn: Rewrite): unknown {
  if (typeof value === 'string') return fn(value);
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? fn(v) : v)) : value;
}
