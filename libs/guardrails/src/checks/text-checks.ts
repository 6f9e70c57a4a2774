import { boundedInput, safeRegExp } from '../safe-regexp.js';
import { subjectText } from '../text.js';
import type { CheckFunction, CheckOutcome, JsonObject } from '../types.js';

/** `not: true` turns any check around (the reference's convention). */
export function outcome(passed: boolean, parameters: JsonObject, data: unknown, explanation: string): CheckOutcome {
  const verdict = parameters.not === true ? !passed : passed;
  return { verdict, data, explanation: verdict ? `passed: ${explanation}` : `failed: ${explanation}` };
}

export const regexMatch: CheckFunction = (ctx, p) => {
  const text = boundedInput(subjectText(ctx));
  const match = safeRegExp(String(p.rule), '').exec(text);
  return outcome(match !== null, p, { rule: p.rule, match: match?.[0] ?? null }, match ? 'the pattern matched' : 'the pattern did not match');
};

export const contains: CheckFunction = (ctx, p) => {
  const text = subjectText(ctx).toLowerCase();
  const words = (p.words as string[]).map((w) => w.toLowerCase());
  const found = words.filter((w) => text.includes(w));
  const operator = (p.operator as string) ?? 'any';
  const passed = operator === 'all' ? found.length === words.length : operator === 'none' ? found.length === 0 : found.length > 0;
  return outcome(passed, p, { operator, found, missing: words.filter((w) => !found.includes(w)) }, `${found.length} of ${words.length} words found (operator ${operator})`);
};

function inRange(count: number, min: unknown, max: unknown): boolean {
  return (typeof min !== 'number' || count >= min) && (typeof max !== 'number' || count <= max);
}

export const wordCount: CheckFunction = (ctx, p) => {
  const count = subjectText(ctx).split(/\s+/).filter(Boolean).length;
  return outcome(inRange(count, p.minWords, p.maxWords), p, { count }, `${count} words (min ${p.minWords ?? '-'}, max ${p.maxWords ?? '-'})`);
};

export const sentenceCount: CheckFunction = (ctx, p) => {
  // A sentence ends at ., ! or ? followed by a space or the end; a trailing fragment counts too.
  const count = subjectText(ctx).split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => /\w/.test(s)).length;
  return outcome(inRange(count, p.minSentences, p.maxSentences), p, { count }, `${count} sentences (min ${p.minSentences ?? '-'}, max ${p.maxSentences ?? '-'})`);
};

export const characterCount: CheckFunction = (ctx, p) => {
  const count = [...subjectText(ctx)].length;
  return outcome(inRange(count, p.minCharacters, p.maxCharacters), p, { count }, `${count} characters (min ${p.minCharacters ?? '-'}, max ${p.maxCharacters ?? '-'})`);
};

export const allUppercase: CheckFunction = (ctx, p) => {
  const text = subjectText(ctx);
  const passed = /\p{L}/u.test(text) && text === text.toUpperCase();
  return outcome(passed, p, null, passed ? 'all letters are upper case' : 'some letters are not upper case');
};

export const allLowercase: CheckFunction = (ctx, p) => {
  const text = subjectText(ctx);
  const passed = /\p{L}/u.test(text) && text === text.toLowerCase();
  return outcome(passed, p, null, passed ? 'all letters are lower case' : 'some letters are not lower case');
};

export const endsWith: CheckFunction = (ctx, p) => {
  const text = subjectText(ctx).trimEnd();
  const suffix = String(p.suffix);
  // The reference also accepts the suffix followed by a final full stop.
  const passed = text.endsWith(suffix) || text.endsWith(`${suffix}.`);
  return outcome(passed, p, { suffix }, passed ? `ends with "${suffix}"` : `does not end with "${suffix}"`);
};
