/**
 * Deterministic content shared by all flavours: the reply text, token counts, tool-call
 * arguments and embedding vectors. Determinism lets tests assert exact values after the
 * gateway's translation without snapshotting random ids.
 */

const WORD = /\S+/g;
const PIECE = /\s*\S+/g;

/** Token count rule used everywhere: one token per whitespace-separated word. */
export function countTokens(text: string): number {
  if (!text) return 0;
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

/** Max characters of the received text echoed back, so replies stay short and predictable. */
export const ECHO_CHARS = 40;

/** `Hello from mock <flavour>: <received text, first 40 chars>` */
export function replyText(flavour: string, received: string): string {
  const echo = received.slice(0, ECHO_CHARS);
  return echo ? `Hello from mock ${flavour}: ${echo}` : `Hello from mock ${flavour}:`;
}

/** Keeps the first `maxTokens` words (leading whitespace preserved) to simulate a length stop. */
export function truncateTokens(text: string, maxTokens: number): string {
  const pieces = text.match(PIECE) ?? [];
  return pieces.slice(0, Math.max(0, maxTokens)).join('');
}

/**
 * Splits text into at most `max` pieces on word boundaries; the pieces concatenate back to the
 * exact text, which is what a client's delta accumulation must reproduce.
 */
export function splitText(text: string, max = 4): string[] {
  const pieces = text.match(PIECE) ?? [];
  if (pieces.length === 0) return [text];
  // `\s*\S+` keeps leading whitespace with each word; only trailing whitespace needs re-adding.
  const tail = text.length - text.trimEnd().length;
  const per = Math.ceil(pieces.length / max);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += per) out.push(pieces.slice(i, i + per).join(''));
  if (tail > 0) out[out.length - 1] += text.slice(text.length - tail);
  return out;
}

/** Splits a JSON string into `n` roughly equal fragments (fewer when it is shorter than n). */
export function splitJson(json: string, n = 3): string[] {
  if (json.length <= 1) return [json];
  const parts = Math.min(n, json.length);
  const size = Math.ceil(json.length / parts);
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out;
}

/**
 * Arguments a "model" would produce for a tool: one placeholder per declared property, so the
 * call validates against simple schemas. Gemini spells types in upper case, hence toLowerCase.
 */
export function argsFromSchema(schema: unknown, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(schema) || !isObject(schema.properties)) return out;
  for (const [key, prop] of Object.entries(schema.properties)) out[key] = placeholder(prop, depth);
  return out;
}

function placeholder(prop: unknown, depth: number): unknown {
  if (!isObject(prop)) return 'mock';
  if (Array.isArray(prop.enum) && prop.enum.length > 0) return prop.enum[0];
  let type = prop.type;
  if (Array.isArray(type)) type = type.find((t) => String(t).toLowerCase() !== 'null');
  switch (String(type ?? 'string').toLowerCase()) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return depth < 3 ? argsFromSchema(prop, depth + 1) : {};
    default:
      return 'mock';
  }
}

/** Default embedding width: small on purpose, the benchmark should measure the gateway, not JSON. */
export const DEFAULT_DIMENSIONS = 8;

/** A unit-length vector seeded by the text (FNV-1a + mulberry32): same text, same vector. */
export function embeddingFor(text: string, dims: number): number[] {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let seed = h >>> 0;
  const v = new Array<number>(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    v[i] = r * 2 - 1;
    norm += v[i]! * v[i]!;
  }
  const k = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < dims; i++) v[i] = Math.round(v[i]! * k * 1e6) / 1e6;
  return v;
}

/**
 * A bag-of-words embedding for semantic-cache tests: each lower-cased word adds 1 to a slot picked
 * by its hash, then the vector is normalised. Texts sharing most words get a cosine close to 1
 * (a reworded question), texts sharing none get about 0. Used for models named `*bag-of-words*`.
 */
export function bagOfWordsEmbedding(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    v[(h >>> 0) % dims]! += 1;
  }
  const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return norm > 0 ? v.map((x) => Math.round((x / norm) * 1e6) / 1e6) : v;
}

/** Float32 little-endian base64, as OpenAI returns for `encoding_format: "base64"`. */
export function embeddingBase64(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

// Ids: a per-process random prefix plus a counter is unique enough and far cheaper than UUIDs.
const PREFIX = Math.random().toString(36).slice(2, 8);
let seq = 0;
/** e.g. newId('chatcmpl-') → `chatcmpl-mock3k9x2a1f` */
export function newId(prefix: string): string {
  return `${prefix}mock${PREFIX}${(++seq).toString(36)}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text of a content value: a string, or an array of parts/blocks carrying `text`. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    else if (isObject(part) && typeof part.text === 'string') texts.push(part.text);
  }
  return texts.join(' ');
}

/** A tool call the mock decided to make: tool name plus its JSON arguments. */
export interface PlannedCall {
  name: string;
  /** JSON text of the arguments (OpenAI sends it as a string, the others as an object). */
  args: string;
}

/** Tokens charged for a tool call: the name's words plus one per 4 characters of arguments. */
export function callTokens(call: PlannedCall): number {
  return countTokens(call.name) + Math.ceil(call.args.length / 4);
}

/** How many tools a reply calls: the first two, or one when parallel calls are disabled. */
export function pickCalls<T>(tools: T[], parallel: boolean): T[] {
  return tools.slice(0, parallel ? 2 : 1);
}
