import { describe, expect, it } from 'vitest';
import { validateConfigText } from './config-validation';

/** The text a problem underlines. */
const underlined = (text: string) => validateConfigText(text).problems.map((p) => ({ path: p.path, text: text.slice(p.from, p.to) }));

describe('validateConfigText', () => {
  it('accepts a valid config with no problems', () => {
    expect(validateConfigText('{"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"a"},{"virtual_key":"b"}]}').problems).toEqual([]);
  });

  it('underlines the faulty value at its path', () => {
    const text = '{\n  "strategy": { "mode": "fallbak" },\n  "targets": [{ "virtual_key": "a" }]\n}';
    expect(underlined(text)).toEqual([{ path: 'strategy.mode', text: '"fallbak"' }]);
  });

  it('finds values inside arrays and camelCase spellings of snake_case paths', () => {
    const text = '{"strategy":{"mode":"loadbalance"},"targets":[{"virtual_key":"a"},{"virtual_key":"b","weight":-1}],"requestTimeout":10}';
    expect(underlined(text)).toContainEqual({ path: 'targets[1].weight', text: '-1' });
  });

  it('puts a missing field where it belongs: on the key of the object that lacks it', () => {
    const text = '{"strategy":{"mode":"conditional"},"targets":[{"name":"a","provider":"openai"}]}';
    expect(underlined(text)).toEqual([{ path: 'strategy.conditions', text: '"strategy"' }]);
  });

  it('underlines a wrong type, not the whole document', () => {
    expect(underlined('{ "retry": { "attempts": "two" } }')).toEqual([{ path: 'retry.attempts', text: '"two"' }]);
  });

  it('reports broken JSON at the place it breaks', () => {
    const text = '{"strategy": {"mode": "fallback"},, }';
    const [problem] = validateConfigText(text).problems;
    expect(problem!.message).toMatch(/^Not valid JSON/);
    expect(problem!.from).toBe(text.indexOf(',,') + 1);
  });
});
