/**
 * A small JSON Schema validator for the common keywords (type, enum, const, properties, required,
 * additionalProperties, items, min/max of numbers, strings, arrays and objects, pattern, anyOf,
 * oneOf, allOf, not). Enough for guardrail parameters and the jsonSchema check, without a package.
 */
import { boundedInput, safeRegExp } from './safe-regexp.js';

export type JsonSchema = boolean | { [keyword: string]: unknown };

export function validateJsonSchema(schema: JsonSchema, value: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  const s = schema as Record<string, any>;
  const errors: string[] = [];
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => isType(value, t))) return [`${path}: expected ${types.join(' or ')}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => deepEqual(e, value))) errors.push(`${path}: must be one of ${JSON.stringify(s.enum)}`);
  if ('const' in s && !deepEqual(s.const, value)) errors.push(`${path}: must be ${JSON.stringify(s.const)}`);
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${path}: must be >= ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${path}: must be <= ${s.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !safeRegExp(s.pattern).test(boundedInput(value))) errors.push(`${path}: does not match ${s.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    if (s.items !== undefined && !Array.isArray(s.items)) value.forEach((item, i) => errors.push(...validateJsonSchema(s.items, item, `${path}[${i}]`)));
  }
  if (isType(value, 'object')) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (Array.isArray(s.required)) for (const k of s.required) if (!(k in obj)) errors.push(`${path}: missing required property "${k}"`);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) errors.push(`${path}: fewer than ${s.minProperties} properties`);
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) errors.push(`${path}: more than ${s.maxProperties} properties`);
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const k of keys) {
      if (k in props) errors.push(...validateJsonSchema(props[k], obj[k], `${path}.${k}`));
      else if (s.additionalProperties !== undefined) errors.push(...validateJsonSchema(s.additionalProperties as JsonSchema, obj[k], `${path}.${k}`));
    }
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) errors.push(...validateJsonSchema(sub, value, path));
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub: JsonSchema) => validateJsonSchema(sub, value, path).length === 0)) errors.push(`${path}: matches none of anyOf`);
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub: JsonSchema) => validateJsonSchema(sub, value, path).length === 0).length !== 1) errors.push(`${path}: must match exactly one of oneOf`);
  if (s.not !== undefined && validateJsonSchema(s.not, value, path).length === 0) errors.push(`${path}: must not match the "not" schema`);
  return errors;
}

function isType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    default: return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
