import { randomBytes } from 'node:crypto';
import type { Json } from '../core/types.js';

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAI-style ids for what Gemini does not number: completions and tool calls. */
export function newCompletionId(): string {
  return `chatcmpl-${randomBytes(12).toString('hex')}`;
}

export function newToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Gemini 3 and later: thinking set by level, and thought signatures enforced on function calls. */
export function isGemini3OrLater(model: string): boolean {
  const major = /gemini-(\d+)/.exec(model)?.[1];
  return major !== undefined && Number(major) >= 3;
}
