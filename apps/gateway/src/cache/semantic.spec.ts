import { cosine, semanticScopeFor, userTurns } from './semantic.js';

const parts = { workspace: 'w', namespace: '', provider: 'openai', url: 'u', model: 'm', endpoint: 'chatComplete', config: 'c' };

describe('semantic cache helpers', () => {
  it('embeds only the user turns', () => {
    const body = { messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] }] };
    expect(userTurns('chatComplete', body)).toBe('Hi\nCapital of France?');
    expect(userTurns('complete', { prompt: 'p' })).toBe('p');
    expect(userTurns('responses', { input: 'q' })).toBe('q');
  });

  it('scopes by everything but the user words', () => {
    const a = { model: 'm', messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'one' }] };
    const b = { model: 'm', messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'two' }], user: 'x' };
    expect(semanticScopeFor(parts, 'chatComplete', a)).toBe(semanticScopeFor(parts, 'chatComplete', b));
    const otherSystem = { model: 'm', messages: [{ role: 'system', content: 'Be long' }, { role: 'user', content: 'one' }] };
    expect(semanticScopeFor(parts, 'chatComplete', otherSystem)).not.toBe(semanticScopeFor(parts, 'chatComplete', a));
    expect(semanticScopeFor({ ...parts, config: 'other' }, 'chatComplete', a)).not.toBe(semanticScopeFor(parts, 'chatComplete', a));
    expect(semanticScopeFor(parts, 'chatComplete', { ...a, temperature: 1 })).not.toBe(semanticScopeFor(parts, 'chatComplete', a));
  });

  it('cosine', () => {
    expect(cosine(new Float32Array([1, 0]), new Float32Array([1, 0]))).toBeCloseTo(1);
    expect(cosine(new Float32Array([1, 0]), new Float32Array([0, 1]))).toBeCloseTo(0);
  });
});
