import { parseConfig } from './index.js';

describe('shadow settings', () => {
  it('accepts shadow at the root and camel-cases its keys', () => {
    const result = parseConfig({ virtual_key: 'vk', shadow: { config_id: 'pc-candidate-1a2b3c', sample_rate: 0.25 } });
    if (!result.ok) throw new Error(result.errors.join(' | '));
    expect(result.config.shadow).toEqual({ configId: 'pc-candidate-1a2b3c', sampleRate: 0.25 });
  });

  it.each([
    [{ config_id: 'pc-x', sample_rate: 0 }, "'shadow.sample_rate' must be a number above 0 and at most 1"],
    [{ config_id: 'pc-x', sample_rate: 1.5 }, "'shadow.sample_rate' must be a number above 0 and at most 1"],
    [{ config_id: '{"provider":"openai"}', sample_rate: 0.5 }, "'shadow.config_id' must name a saved config"],
    [{ sample_rate: 0.5 }, "'shadow.config_id' must name a saved config"],
    ['pc-x', "'shadow' must be an object"],
  ])('refuses %j', (shadow, message) => {
    const result = parseConfig({ virtual_key: 'vk', shadow });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join(' | ')).toContain(message);
  });

  it('refuses shadow on a nested target, and a config that is only a shadow', () => {
    const nested = parseConfig({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: 'a', shadow: { config_id: 'pc-x', sample_rate: 1 } }] });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.errors.join(' | ')).toContain("'shadow' is only supported at the root");
    expect(parseConfig({ shadow: { config_id: 'pc-x', sample_rate: 1 } }).ok).toBe(false);
  });
});
