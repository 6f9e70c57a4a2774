import { validateJsonSchema, type JsonSchema } from '../json-schema.js';
import { subjectText } from '../text.js';
import type { CheckFunction } from '../types.js';
import { outcome } from './text-checks.js';

/** JSON in a text: the whole text, else the first ```json fence, else the outermost braces. */
export function jsonIn(text: string): unknown {
  const candidates = [text.trim(), /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1]?.trim(), text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

export const jsonSchema: CheckFunction = (ctx, p) => {
  const value = jsonIn(subjectText(ctx));
  if (value === undefined) return outcome(false, p, { errors: ['no JSON found'] }, 'no JSON found in the text');
  const errors = validateJsonSchema(p.schema as JsonSchema, value);
  return outcome(errors.length === 0, p, { errors }, errors.length ? errors.slice(0, 3).join('; ') : 'the JSON matches the schema');
};

export const jsonKeys: CheckFunction = (ctx, p) => {
  const value = jsonIn(subjectText(ctx));
  const keys = p.keys as string[];
  const present = value && typeof value === 'object' && !Array.isArray(value) ? keys.filter((k) => k in (value as object)) : [];
  const operator = (p.operator as string) ?? 'any';
  const passed = value !== undefined && (operator === 'all' ? present.length === keys.length : operator === 'none' ? present.length === 0 : present.length > 0);
  return outcome(passed, p, { operator, present, missing: keys.filter((k) => !present.includes(k)) }, `${present.length} of ${keys.length} keys present (operator ${operator})`);
};

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`)\]]+/gi;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^\d{1,3}(?:\.\d{1,3}){3}$|^localhost$/i;

/** Every URL in the text parses and names a plausible host (no DNS lookup: the gateway stays offline-safe). */
export const validUrls: CheckFunction = (ctx, p) => {
  const urls = (subjectText(ctx).match(URL_IN_TEXT) ?? []).map((u) => u.replace(/[.,;:!?]+$/, ''));
  const invalid = urls.filter((u) => {
    try {
      return !HOST.test(new URL(u).hostname);
    } catch {
      return true;
    }
  });
  return outcome(urls.length > 0 && invalid.length === 0, p, { urls, invalid }, urls.length ? `${invalid.length} of ${urls.length} URLs invalid` : 'no URL found');
};

/** Telltale constructs per language, for code outside a labelled fence. */
const LANGUAGE_HINTS: Record<string, RegExp> = {
  sql: /\b(select\s+[\w*,\s]+\s+from|insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+table|drop\s+table)\b/i,
  python: /^\s*(def \w+\(.*\):|import \w+|from \w+ import|class \w+(\(.*\))?:)/m,
  javascript: /\b(function\s+\w*\s*\(|const \w+\s*=|let \w+\s*=|=>\s*\{|console\.log\()/,
  typescript: /\b(interface \w+\s*\{|: (string|number|boolean)\b|export (type|interface) )/,
  java: /\b(public (static )?(class|void)|System\.out\.println)\b/,
  go: /\b(func \w+\(|package main|fmt\.Print)/,
  bash: /^\s*(#!\/bin\/(ba)?sh|sudo |rm -rf |echo \$)/m,
  html: /<(html|div|script|body|head)\b[^>]*>/i,
};

const ALIASES: Record<string, string> = { js: 'javascript', ts: 'typescript', py: 'python', shell: 'bash', sh: 'bash', golang: 'go' };

export const containsCode: CheckFunction = (ctx, p) => {
  const text = subjectText(ctx);
  const wanted = String(p.format).toLowerCase();
  const language = ALIASES[wanted] ?? wanted;
  const fences = [...text.matchAll(/```(\w+)?/g)].map((m) => (m[1] ? ALIASES[m[1].toLowerCase()] ?? m[1].toLowerCase() : ''));
  const fenced = fences.includes(language);
  const hinted = LANGUAGE_HINTS[language]?.test(text) ?? false;
  return outcome(fenced || hinted, p, { format: language, fenced, hinted }, fenced || hinted ? `contains ${language} code` : `no ${language} code found`);
};
