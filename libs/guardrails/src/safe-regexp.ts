/**
 * Patterns come from callers' configs and run on the gateway's event loop, where a check's
 * timeout cannot interrupt a regular expression stuck backtracking. So patterns are bounded in
 * length and refused when a quantified group holds a quantifier (`(a+)+`, `(\w*)*`, `(x+){2,}`),
 * the shape behind catastrophic backtracking. The text tested is bounded too.
 */
export const MAX_PATTERN_CHARS = 1000;
export const MAX_REGEX_INPUT_CHARS = 200_000;

const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})\)(?:[+*]|\{\d+,?\d*\})/;

export function safeRegExp(pattern: string, flags = 'u'): RegExp {
  if (pattern.length > MAX_PATTERN_CHARS) throw new Error(`pattern longer than ${MAX_PATTERN_CHARS} characters`);
  if (NESTED_QUANTIFIER.test(pattern)) throw new Error('pattern refused: a quantified group containing a quantifier can backtrack catastrophically');
  return new RegExp(pattern, flags);
}

export function boundedInput(text: string): string {
  return text.length > MAX_REGEX_INPUT_CHARS ? text.slice(0, MAX_REGEX_INPUT_CHARS) : text;
}
