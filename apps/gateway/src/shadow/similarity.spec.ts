import { answerText } from './answer-text.js';
import { answerSimilarity } from './similarity.js';

describe('answerSimilarity (token-set Jaccard)', () => {
  it('is 1 for the same words in any order or case, and 0 for no shared word', () => {
    expect(answerSimilarity('Paris is the capital', 'the capital is PARIS, paris')).toBe(1);
    expect(answerSimilarity('red green', 'blue yellow')).toBe(0);
  });

  it('is the shared share of all words', () => {
    // {a, b, c} vs {b, c, d}: 2 shared of 4.
    expect(answerSimilarity('a b c', 'b c d')).toBe(0.5);
  });

  it('is undefined when either side has no answer, 0 when one side is empty text', () => {
    expect(answerSimilarity(undefined, 'x')).toBeUndefined();
    expect(answerSimilarity('', 'some words')).toBe(0);
    expect(answerSimilarity('', '')).toBe(1);
  });

  it('compares only the first 4000 characters', () => {
    const start = 'alpha beta ';
    expect(answerSimilarity(start + 'x '.repeat(3000) + 'tail', start + 'x '.repeat(3000) + 'other')).toBe(1);
  });
});

describe('answerText', () => {
  it('reads chat, text completion, Messages and Responses answers', () => {
    expect(answerText(JSON.stringify({ choices: [{ message: { content: 'hi there' } }] }))).toBe('hi there');
    expect(answerText(JSON.stringify({ choices: [{ text: 'done' }] }))).toBe('done');
    expect(answerText(JSON.stringify({ content: [{ type: 'text', text: 'from claude' }] }))).toBe('from claude');
    expect(answerText(JSON.stringify({ output: [{ content: [{ type: 'output_text', text: 'resp' }] }] }))).toBe('resp');
  });

  it('has no text for errors, embeddings and non-JSON', () => {
    expect(answerText(JSON.stringify({ error: { message: 'boom' } }))).toBeUndefined();
    expect(answerText(JSON.stringify({ data: [{ embedding: [1, 2] }] }))).toBeUndefined();
    expect(answerText('<html>')).toBeUndefined();
  });
});
