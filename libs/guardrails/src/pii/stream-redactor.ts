import { CONTEXT_CHARS, MAX_MATCH_CHARS, findPii, redactMatches } from './detectors.js';

/**
 * Redacts a text that arrives in pieces (a streamed answer's deltas). A match may straddle two
 * chunks, so the last MAX_MATCH_CHARS characters are held back until more text (or the end)
 * shows whether they are part of one; a held match is never cut in two. What comes out,
 * concatenated, equals redacting the whole text at once.
 */
export class StreamRedactor {
  /** Already emitted characters kept only as look-behind context for the next scan. */
  private context = '';
  private pending = '';

  constructor(
    private readonly categories?: ReadonlySet<string>,
    private readonly holdChars = MAX_MATCH_CHARS,
  ) {}

  /** Text safe to emit now (possibly empty). */
  push(text: string): string {
    this.pending += text;
    if (this.pending.length <= this.holdChars) return '';
    const scanned = this.context + this.pending;
    const offset = this.context.length;
    // Matches starting inside the context were dealt with when that text was emitted.
    const matches = findPii(scanned, this.categories, offset);
    let cut = scanned.length - this.holdChars;
    for (const m of matches) if (m.start < cut && m.end > cut) cut = m.start;
    if (cut <= offset) return '';
    const emitted = redactMatches(scanned.slice(0, cut), matches.filter((m) => m.end <= cut)).slice(offset);
    this.context = scanned.slice(Math.max(0, cut - CONTEXT_CHARS), cut);
    this.pending = scanned.slice(cut);
    return emitted;
  }

  /** Everything still held, redacted: call once the stream's text is complete. */
  flush(): string {
    const scanned = this.context + this.pending;
    const offset = this.context.length;
    const matches = findPii(scanned, this.categories, offset);
    this.context = '';
    this.pending = '';
    return redactMatches(scanned, matches).slice(offset);
  }
}
