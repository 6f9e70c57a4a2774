import { parseConfig } from '@aigw/config-schema';
import { ControlPlaneError } from '../control-plane.errors.js';
import { validateSavedConfig } from './saved-config.validation.js';

function failure(value: unknown): ControlPlaneError {
  try {
    validateSavedConfig(value);
  } catch (error) {
    return error as ControlPlaneError;
  }
  throw new Error('expected a validation error');
}

describe('validateSavedConfig', () => {
  it('reports exactly the gateway schema errors', () => {
    const bad = { strategy: { mode: 'roundrobin' }, targets: [{ virtual_key: 'a' }] };
    const expected = parseConfig(bad);
    const error = failure(bad);
    expect(expected.ok).toBe(false);
    expect(error.message).toBe(!expected.ok && expected.message);
    expect(error.errors).toEqual(!expected.ok && expected.errors);
    expect(error.field).toBe('config');
  });

  it('refuses raw provider credentials, naming the field', () => {
    const error = failure({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: 'a' }, { provider: 'openai', api_key: 'sk-x' }] });
    expect(error.field).toBe('config.targets[1].api_key');
    expect(error.message).not.toContain('sk-x');
  });

  it('collects the virtual keys used, at any depth', () => {
    const { virtualKeys } = validateSavedConfig({
      strategy: { mode: 'fallback' },
      targets: [{ virtual_key: 'a' }, { strategy: { mode: 'loadbalance' }, targets: [{ virtual_key: 'b' }, { virtual_key: 'a' }] }],
    });
    expect([...virtualKeys]).toEqual([
      ['a', 'config.targets[0].virtual_key'],
      ['b', 'config.targets[1].targets[0].virtual_key'],
    ]);
  });
});
