import type { Json } from '../core/types.js';
import { isObject } from './util.js';

/**
 * JSON Schema (what OpenAI clients send for tool parameters and json_schema outputs) to Gemini's
 * `Schema`, a select subset of OpenAPI 3.0. Gemini answers 400 to keys outside that subset
 * (`additionalProperties`, `$schema`, `$ref`, `const`, `type: [...]`, unknown `format`s…), which is
 * the most reported Gemini failure of the reference gateway. So this is a whitelist, not a
 * blacklist, and the JSON Schema idioms Gemini cannot read are rewritten into ones it can:
 * `$ref` → the definition inlined, `type: [T, "null"]` → `nullable`, `oneOf` → `anyOf`,
 * `allOf` → one merged schema, `const` → a one-value `enum`.
 */

/** Keys copied as they are (Schema fields of generativelanguage v1beta). */
const PLAIN_KEYS = [
  'title',
  'description',
  'nullable',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'example',
  'default',
] as const;

/** Gemini accepts `format` only for these types and values; anything else is rejected. */
const FORMATS: Record<string, ReadonlySet<string>> = {
  string: new Set(['enum', 'date-time']),
  number: new Set(['float', 'double']),
  integer: new Set(['int32', 'int64']),
};

type Defs = Record<string, unknown>;

export function cleanSchema(schema: unknown): Json {
  if (!isObject(schema)) return {};
  const defs: Defs = { ...asObject(schema.definitions), ...asObject(schema.$defs) };
  return clean(schema, defs, []);
}

function clean(node: unknown, defs: Defs, refPath: string[]): Json {
  if (!isObject(node)) return {};

  if (typeof node.$ref === 'string') return cleanRef(node, node.$ref, defs, refPath);

  if (Array.isArray(node.allOf)) {
    const { allOf, ...rest } = node;
    return mergeSchemas([clean(rest, defs, refPath), ...allOf.map((s) => clean(s, defs, refPath))]);
  }

  const out: Json = {};
  let nullable = node.nullable === true;
  let type = typeof node.type === 'string' ? node.type : undefined;

  if (Array.isArray(node.type)) {
    const types = node.type.filter((t): t is string => typeof t === 'string');
    const nonNull = types.filter((t) => t !== 'null');
    if (nonNull.length < types.length) nullable = true;
    if (nonNull.length > 1) {
      // Several types: Gemini has no type union, but anyOf of one branch per type says the same.
      const { type: _t, description, title, nullable: _n, ...shape } = node;
      const head = clean({ description, title }, defs, refPath);
      return { ...head, anyOf: nonNull.map((t) => clean({ ...shape, type: t }, defs, refPath)), ...(nullable ? { nullable } : {}) };
    }
    type = nonNull[0];
  }

  const variants = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (variants) {
    const cleaned = variants.map((v) => clean(v, defs, refPath));
    const nonNull = cleaned.filter((v) => !isNullSchema(v));
    if (nonNull.length < cleaned.length) nullable = true;
    if (nonNull.length === 1 && type === undefined) {
      // `anyOf: [X, {type: null}]` is how JSON Schema (and Pydantic) spell an optional X.
      Object.assign(out, nonNull[0]);
      type = typeof out.type === 'string' ? out.type : undefined;
    } else if (nonNull.length > 0) {
      out.anyOf = nonNull;
    }
  }

  if (type !== undefined && type !== 'null') out.type = type;
  else if (type === 'null' && !out.anyOf) nullable = true;

  for (const key of PLAIN_KEYS) if (node[key] !== undefined) out[key] = node[key];
  if (out.example === undefined && Array.isArray(node.examples) && node.examples.length > 0) out.example = node.examples[0];
  if (nullable) out.nullable = true;

  const format = typeof node.format === 'string' ? node.format : undefined;
  if (format && type && FORMATS[type]?.has(format)) out.format = format;

  const enumValues = cleanEnum(node, type);
  if (enumValues) {
    out.enum = enumValues;
    if (!out.type) out.type = 'string';
  }

  if (isObject(node.properties)) {
    const properties: Json = {};
    for (const [key, value] of Object.entries(node.properties)) properties[key] = clean(value, defs, refPath);
    out.properties = properties;
    if (Array.isArray(node.required)) {
      // Gemini rejects a required name that is not a declared property.
      out.required = node.required.filter((r): r is string => typeof r === 'string' && r in properties);
    }
    if (Array.isArray(node.propertyOrdering)) out.propertyOrdering = node.propertyOrdering.filter((p) => typeof p === 'string' && p in properties);
  }

  if (Array.isArray(node.items)) {
    // A tuple (draft-4 array form) has no Gemini equivalent; "each item is one of these" is the nearest.
    const items = node.items.map((i) => clean(i, defs, refPath));
    if (items.length === 1) out.items = items[0];
    else if (items.length > 1) out.items = { anyOf: items };
  } else if (isObject(node.items)) {
    out.items = clean(node.items, defs, refPath);
  } else if (Array.isArray(node.prefixItems) && node.prefixItems.length > 0) {
    out.items = { anyOf: node.prefixItems.map((i) => clean(i, defs, refPath)) };
  }

  return out;
}

function cleanRef(node: Json, ref: string, defs: Defs, refPath: string[]): Json {
  const { $ref: _ref, ...siblings } = node;
  const pointer = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref)?.[1];
  const name = pointer === undefined ? undefined : decodeURIComponent(pointer.replace(/~1/g, '/').replace(/~0/g, '~'));
  const target = name === undefined ? undefined : defs[name];
  if (name === undefined || !isObject(target)) return clean(siblings, defs, refPath);
  if (refPath.includes(name)) {
    // Gemini's Schema has no references, so a recursive type cannot be expressed; stop one level in.
    const description = siblings.description ?? target.description ?? `recursive ${name} (not expanded)`;
    return { type: 'object', description };
  }
  // Keywords beside a $ref (usually a description) refine the referenced definition.
  return clean({ ...target, ...siblings }, defs, [...refPath, name]);
}

function cleanEnum(node: Json, type: string | undefined): string[] | undefined {
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v) => v !== null);
    // Gemini's enum is a list of strings: strings pass, numbers for a string-typed field are
    // stringified, and enums of another type are dropped rather than sent to fail.
    if (values.every((v) => typeof v === 'string')) return values as string[];
    if (type === 'string' || type === undefined) return values.map((v) => String(v));
    return undefined;
  }
  if (typeof node.const === 'string') return [node.const];
  return undefined;
}

function mergeSchemas(schemas: Json[]): Json {
  const out: Json = {};
  for (const schema of schemas) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && isObject(value)) out.properties = { ...asObject(out.properties), ...value };
      else if (key === 'required' && Array.isArray(value)) out.required = [...new Set([...((out.required as string[]) ?? []), ...value])];
      else if (out[key] === undefined) out[key] = value;
    }
  }
  return out;
}

function isNullSchema(schema: Json): boolean {
  return schema.nullable === true && schema.type === undefined && schema.anyOf === undefined && schema.properties === undefined;
}

function asObject(value: unknown): Json {
  return isObject(value) ? value : {};
}
