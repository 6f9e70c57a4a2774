/**
 * How much two answers agree, for the shadow and replay comparisons: the token-set Jaccard index
 * of their words, on the first SIMILARITY_CHARS characters of each.
 *
 * Why this measure: it is linear in the text (a Set per answer; normalized Levenshtein is
 * quadratic, which on two 4 KB answers is 16 M cells per request), it needs no model or embedding
 * call (a shadow must stay cheap), and it ignores word order and repetition, so two answers that
 * say the same thing in a different order still score high while a refusal or an answer about
 * something else scores near 0. It does not understand synonyms or negation ("is" vs "is not"
 * differ by one token): it flags drift worth a look, it does not grade answers.
 */

/** Only the start of each answer is compared: bounds the work on long answers. */
export const SIMILARITY_CHARS = 4_000;

/** Lower-cased runs of letters and digits (any script). */
const WORD = /[\p{L}\p{N}]+/gu;

export function wordSet(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.slice(0, SIMILARITY_CHARS).toLowerCase().matchAll(WORD)) words.add(match[0]);
  return words;
}

/**
 * |A ∩ B| / |A ∪ B| over the two answers' word sets, in [0, 1]. Undefined when either answer has
 * no text to compare (an error, an embedding, an image): "no answer" is not "disagreement".
 */
export function answerSimilarity(a: string | undefined, b: string | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const left = wordSet(a);
  const right = wordSet(b);
  if (left.size === 0 && right.size === 0) return a.trim() === b.trim() ? 1 : undefined;
  if (left.size === 0 || right.size === 0) return 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}
