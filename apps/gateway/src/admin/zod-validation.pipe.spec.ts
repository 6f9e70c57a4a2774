import { z } from 'zod';
import { ControlPlaneError } from '../control-plane/control-plane.errors.js';
import { fieldPath, parseOrThrow } from './zod-validation.pipe.js';

function fieldOf(schema: z.ZodType, value: unknown): string | undefined {
  try {
    parseOrThrow(schema, value);
  } catch (error) {
    return (error as ControlPlaneError).field;
  }
  return undefined;
}

describe('zod validation → field names', () => {
  const schema = z.object({ name: z.string(), settings: z.object({ hosts: z.array(z.url()) }).strict() }).strict();

  it('names nested fields, array items and unknown keys', () => {
    expect(fieldOf(schema, {})).toBe('name');
    expect(fieldOf(schema, { name: 'x', settings: { hosts: ['nope'] } })).toBe('settings.hosts[0]');
    expect(fieldOf(schema, { name: 'x', settings: { hosts: [], other: 1 } })).toBe('settings.other');
    expect(fieldOf(schema, { name: 'x', settings: { hosts: [] } })).toBeUndefined();
  });

  it('says "is required" for a missing field', () => {
    expect(() => parseOrThrow(schema, { settings: { hosts: [] } })).toThrow('name: is required');
  });

  it('formats paths', () => {
    expect(fieldPath(['a', 0, 'b'])).toBe('a[0].b');
  });
});
