/**
 * The semantic cache's pure parts: which text of a request is embedded (the user's turns), what
 * scopes a vector (everything else that shapes the answer), and cosine similarity.
 */
import type { Endpoint } from '@aigw/providers';
import { canonicalJson, answerRelevantBody, sha256 } from './cache-key.js';

export const DEFAULT_THRESHOLD = 0.95;
/** Vectors compared per lookup (the newest of the scope). */
export const MAX_CANDIDATES = 200;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof part === 'string' ? part : typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : ''))
    .filter(Boolean)
    .join('\n');
}

/** The conversation's user turns, joined; empty when the endpoint has none (embeddings). */
export function userTurns(endpoint: Endpoint, body: Record<string, unknown>): string {
  if (endpoint === 'complete') return Array.isArray(body.prompt) ? body.prompt.join('\n') : textOf(body.prompt);
  if (endpoint === 'responses' && typeof body.input === 'string') return body.input;
  const turns = (endpoint === 'responses' ? body.input : body.messages) as unknown;
  if (!Array.isArray(turns)) return '';
  return turns
    .filter((m) => (m as { role?: unknown })?.role === 'user')
    .map((m) => textOf((m as { content?: unknown }).content))
    .filter(Boolean)
    .join('\n');
}

/**
 * Everything but the user's words: model, parameters, tools, system prompts, earlier assistant
 * turns. Two requests are only compared when all of this is equal, so a paraphrase never gets an
 * answer made for other instructions.
 */
export function semanticScopeFor(parts: { workspace: string; namespace: string; provider: string; url: string; model: string; endpoint: string; config: string }, endpoint: Endpoint, body: Record<string, unknown>): string {
  const conversationKey = endpoint === 'complete' ? 'prompt' : endpoint === 'responses' ? 'input' : 'messages';
  const rest = answerRelevantBody(body, [conversationKey]);
  const turns = body[conversationKey];
  const nonUser = Array.isArray(turns) ? turns.filter((m) => (m as { role?: unknown })?.role !== 'user') : [];
  return sha256(canonicalJson(['sem1', parts, rest, nonUser]));
}

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
