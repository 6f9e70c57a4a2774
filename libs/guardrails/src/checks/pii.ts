import { type PiiMatch, redactPii } from '../pii/detectors.js';
import { mapRequestText, mapResponseText, subjectJson } from '../text.js';
import type { CheckFunction, JsonObject } from '../types.js';

/**
 * Finds PII in every text of the request (before) or response (after). Without `redact` it is a
 * guardrail: PII fails the check. With `redact: true` it is a mutator: the PII is replaced by
 * placeholders in what leaves (or returns), and the check passes since nothing leaked.
 */
export const pii: CheckFunction = (ctx, p) => {
  const categories = Array.isArray(p.categories) ? new Set(p.categories as string[]) : undefined;
  const found: PiiMatch['category'][] = [];
  const rewrite = (text: string) => {
    const { text: redacted, matches } = redactPii(text, categories);
    for (const m of matches) found.push(m.category);
    return redacted;
  };
  const json = subjectJson(ctx);
  const next: JsonObject = ctx.event === 'afterRequestHook' ? mapResponseText(json, rewrite) : mapRequestText(json, rewrite);
  const counts: Record<string, number> = {};
  for (const c of found) counts[c] = (counts[c] ?? 0) + 1;
  const redact = p.redact === true;
  if (found.length === 0) return { verdict: true, data: { found: counts }, explanation: 'no PII found' };
  if (redact) return { verdict: true, data: { found: counts, redacted: true }, explanation: `redacted ${found.length} PII item(s)`, transformed: next };
  return { verdict: false, data: { found: counts }, explanation: `found ${found.length} PII item(s): ${Object.keys(counts).join(', ')}` };
};
