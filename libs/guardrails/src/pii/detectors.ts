/**
 * PII detectors. Every pattern is bounded in length (MAX_MATCH_CHARS), which lets a stream be
 * redacted while holding back only a bounded tail. Earlier detectors win an overlap: a card
 * number is not also reported as a phone number.
 */
export type PiiCategory = 'credit_card' | 'iban' | 'ssn' | 'secret' | 'email' | 'ip_address' | 'phone';

export interface PiiMatch {
  category: PiiCategory;
  start: number;
  end: number;
}

interface Detector {
  category: PiiCategory;
  pattern: RegExp;
  valid?: (text: string) => boolean;
}

/** No detector matches more characters than this. */
export const MAX_MATCH_CHARS = 300;
/** Characters before a match its pattern looks at (look-behinds, \b). */
export const CONTEXT_CHARS = 2;

const DETECTORS: Detector[] = [
  { category: 'credit_card', pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])/g, valid: (t) => luhn(t.replace(/\D/g, '')) },
  { category: 'iban', pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g, valid: (t) => ibanValid(t.replace(/ /g, '')) },
  { category: 'ssn', pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/g },
  {
    category: 'secret',
    pattern: /(?<![A-Za-z0-9_-])(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,200}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,200}|xox[abprs]-[A-Za-z0-9-]{10,200}|AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
  },
  { category: 'email', pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,2}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g },
  {
    category: 'ip_address',
    pattern: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)|(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])/g,
  },
  { category: 'phone', pattern: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?!\w)/g },
];

export const PII_CATEGORIES: PiiCategory[] = DETECTORS.map((d) => d.category);

/**
 * Non-overlapping matches, in text order. Candidates starting before `from` are ignored before
 * overlaps are settled: a stream's look-behind context was already judged with what preceded it.
 */
export function findPii(text: string, categories?: ReadonlySet<string>, from = 0): PiiMatch[] {
  const found: (PiiMatch & { rank: number })[] = [];
  DETECTORS.forEach((d, rank) => {
    if (categories && !categories.has(d.category)) return;
    const pattern = d.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      // A candidate its checksum rejects consumes nothing: the scan resumes one character on, so
      // what is found never depends on where an earlier rejected candidate happened to end.
      if (d.valid && !d.valid(m[0])) {
        pattern.lastIndex = m.index + 1;
        continue;
      }
      if (m.index < from) continue;
      found.push({ category: d.category, start: m.index, end: m.index + m[0].length, rank });
    }
  });
  found.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const kept: PiiMatch[] = [];
  const taken: (PiiMatch & { rank: number })[] = [];
  // Higher-priority detectors claim their spans first; the rest fill in where they do not overlap.
  for (const m of [...found].sort((a, b) => a.rank - b.rank || a.start - b.start)) {
    if (taken.some((t) => m.start < t.end && t.start < m.end)) continue;
    taken.push(m);
  }
  for (const m of taken.sort((a, b) => a.start - b.start)) kept.push({ category: m.category, start: m.start, end: m.end });
  return kept;
}

export function placeholder(category: PiiCategory): string {
  return `[REDACTED_${category.toUpperCase()}]`;
}

/** The text with every match replaced by its placeholder. */
export function redactMatches(text: string, matches: PiiMatch[]): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + placeholder(m.category);
    at = m.end;
  }
  return out + text.slice(at);
}

export function redactPii(text: string, categories?: ReadonlySet<string>): { text: string; matches: PiiMatch[] } {
  const matches = findPii(text, categories);
  return { text: matches.length ? redactMatches(text, matches) : text, matches };
}

export function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616: move the country and check digits to the end, letters to numbers, mod 97 = 1. */
export function ibanValid(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}
