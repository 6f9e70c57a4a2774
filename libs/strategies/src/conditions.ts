/**
 * Conditional routing queries compiled once per config into predicates (§1.8 of the reference):
 * `$eq $ne` strict equality, `$gt $gte $lt $lte` numeric (parseFloat on both sides), `$in $nin`,
 * `$regex`, `$length` (array length), `$and`/`$or`, and a plain value meaning equality. All keys
 * of a query must hold. Regexes are built once here, not per request.
 */
import { contextGetter } from './context-path.js';
import { RouterError } from './router-error.js';
import type { RouteContext } from './router.types.js';

export type Predicate = (ctx: RouteContext) => boolean;
type ValueTest = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function compileQuery(query: Record<string, unknown>): Predicate {
  const parts: Predicate[] = Object.entries(query).map(([key, value]) => {
    if (key === '$and' || key === '$or') {
      const subs = (Array.isArray(value) ? value : []).map((q) => compileQuery(isObject(q) ? q : {}));
      return key === '$and' ? (ctx) => subs.every((p) => p(ctx)) : (ctx) => subs.some((p) => p(ctx));
    }
    const read = contextGetter(key);
    const test = compileCondition(value);
    return (ctx) => test(read(ctx));
  });
  if (parts.length === 1) return parts[0];
  return (ctx) => parts.every((p) => p(ctx));
}

function compileCondition(condition: unknown): ValueTest {
  if (!isObject(condition)) return (value) => value === condition;
  const tests = Object.entries(condition).map(([op, operand]) => compileOperator(op, operand));
  return (value) => tests.every((t) => t(value));
}

function compileOperator(op: string, operand: unknown): ValueTest {
  switch (op) {
    case '$eq':
      return (v) => v === operand;
    case '$ne':
      return (v) => v !== operand;
    case '$gt': {
      const bound = toNumber(operand);
      return (v) => toNumber(v) > bound;
    }
    case '$gte': {
      const bound = toNumber(operand);
      return (v) => toNumber(v) >= bound;
    }
    case '$lt': {
      const bound = toNumber(operand);
      return (v) => toNumber(v) < bound;
    }
    case '$lte': {
      const bound = toNumber(operand);
      return (v) => toNumber(v) <= bound;
    }
    case '$in': {
      const list = Array.isArray(operand) ? operand : [];
      return (v) => list.includes(v);
    }
    case '$nin': {
      const list = Array.isArray(operand) ? operand : [];
      return (v) => !list.includes(v);
    }
    case '$regex':
      return compileRegex(operand);
    case '$length': {
      const lengthTest = typeof operand === 'number' ? (n: unknown) => n === operand : compileCondition(operand);
      return (v) => Array.isArray(v) && lengthTest(v.length);
    }
    default:
      // The schema rejects unknown operators; a hand-built config still gets the caller's error.
      return () => {
        throw new RouterError(`Unsupported operator used in the query router: ${op}`);
      };
  }
}

/** parseFloat like the reference: "12abc" → 12, anything non-numeric → NaN (never matches). */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
}

function compileRegex(pattern: unknown): ValueTest {
  let regex: RegExp;
  try {
    regex = new RegExp(String(pattern));
  } catch {
    return () => false;
  }
  return (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? regex.test(String(v)) : false);
}
