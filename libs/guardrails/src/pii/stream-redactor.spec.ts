import fc from 'fast-check';
import { redactPii } from './detectors.js';
import { StreamRedactor } from './stream-redactor.js';

/** Pushes the text in the given pieces and returns what came out, flush included. */
function streamed(pieces: string[], hold?: number): string {
  const r = new StreamRedactor(undefined, hold);
  return pieces.map((p) => r.push(p)).join('') + r.flush();
}

function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    out.push(text.slice(at, p));
    at = p;
  }
  out.push(text.slice(at));
  return out;
}

const PII = ['jane.doe@example.com', '4111 1111 1111 1111', '555-867-5309', '123-45-6789', 'DE89 3704 0044 0532 0130 00', '10.0.0.12', 'sk-ant-abcdefghijklmnopqrstuvwx', '+44 20 7946 0958'];
const FILLER = ['lorem ipsum dolor sit amet, consectetur adipiscing elit ', 'hello', 'world', ' ', '  ', '.', ',', '\n', 'card', 'x', '42', '-', 'a', 'Z9'];

describe('StreamRedactor', () => {
  it('never lets a match split across two chunks through', () => {
    const out = streamed(['my email is jane.d', 'oe@exam', 'ple.com and card 4111 1111 ', '1111 1111.'], 32);
    expect(out).toBe('my email is [REDACTED_EMAIL] and card [REDACTED_CREDIT_CARD].');
  });

  it('emits text before the end once more than the bounded tail is held', () => {
    const r = new StreamRedactor(undefined, 16);
    const first = r.push('a'.repeat(40) + ' jane@example.com');
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(60);
    expect(first + r.flush()).toBe('a'.repeat(40) + ' [REDACTED_EMAIL]');
  });

  it('property: any chunking gives the same text as redacting the whole ', () => {
    const token = fc.oneof(fc.constantFrom(...PII), fc.constantFrom(...FILLER), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 150 }), fc.array(fc.nat(), { maxLength: 40 }), fc.constantFrom(undefined, 300), (tokens, cuts, hold) => {
        const text = tokens.join('');
        expect(streamed(split(text, cuts), hold)).toBe(redactPii(text).text);
      }),
      { numRuns: 500 },
    );
  });
});
