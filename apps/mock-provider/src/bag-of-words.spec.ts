import { bagOfWordsEmbedding } from './content.js';

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('bag-of-words embedding (semantic-cache tests)', () => {
  it('gives the same words in another order and case the same vector, unrelated words a distant one', () => {
    const a = bagOfWordsEmbedding('Tell me the capital of France', 256);
    expect(cos(a, bagOfWordsEmbedding('the capital of france, tell me', 256))).toBeCloseTo(1, 5);
    expect(cos(a, bagOfWordsEmbedding('How do I bake sourdough bread', 256))).toBeLessThan(0.5);
  });
});
