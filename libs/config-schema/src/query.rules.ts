/**
 * Validation of conditional-routing queries (`strategy.conditions[].query`), so a typo in an
 * operator or a context path is a 400 at config time instead of a silent mis-route per request.
 * The operators and the two-level key paths are the reference's (its conditional router).
 */
import type { ConfigIssue } from './config.types.js';
import { isPlainObject } from './normalize.js';

export const COMPARISON_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$regex', '$length'] as const;
export const LOGICAL_OPERATORS = ['$and', '$or'] as const;
/** The roots a query key may read from the request. */
export const QUERY_ROOTS = ['metadata', 'params', 'url'] as const;

const COMPARISON = new Set<string>(COMPARISON_OPERATORS);
const NUMERIC = new Set(['$gt', '$gte', '$lt', '$lte']);
const ROOTS = new Set<string>(QUERY_ROOTS);

type Path = Array<string | number>;

/** Every problem of one query; `path` is where the query sits in the config. */
export function queryIssues(query: unknown, path: Path): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  checkQuery(query, path, issues);
  return issues;
}

function checkQuery(query: unknown, path: Path, issues: ConfigIssue[]): void {
  if (!isPlainObject(query)) {
    issues.push({ path, message: 'A query must be an object' });
    return;
  }
  for (const [key, value] of Object.entries(query)) {
    const at = [...path, key];
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        issues.push({ path: at, message: `'${key}' takes a non-empty array of queries` });
        continue;
      }
      value.forEach((sub, i) => checkQuery(sub, [...at, i], issues));
    } else if (key.startsWith('$')) {
      issues.push({ path: at, message: `Unsupported operator '${key}' here: use '$and', '$or' or a key such as 'metadata.user_plan'` });
    } else {
      checkKey(key, at, issues);
      checkCondition(value, at, issues);
    }
  }
}

function checkKey(key: string, at: Path, issues: ConfigIssue[]): void {
  const dot = key.indexOf('.');
  const root = dot === -1 ? key : key.slice(0, dot);
  if (dot === -1 || dot === key.length - 1 || !ROOTS.has(root)) {
    issues.push({ path: at, message: `Query key '${key}' must look like 'metadata.<key>', 'params.<key>' or 'url.pathname'` });
  }
}

/** A plain value means equality; an object holds operators. */
function checkCondition(value: unknown, at: Path, issues: ConfigIssue[]): void {
  if (Array.isArray(value)) {
    issues.push({ path: at, message: "A query value must be a plain value or an operator object such as {\"$in\": [...]}" });
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [op, operand] of Object.entries(value)) {
    const opAt = [...at, op];
    if (!COMPARISON.has(op)) {
      issues.push({ path: opAt, message: `Unsupported operator '${op}'. Must be one of: ${COMPARISON_OPERATORS.join(', ')}` });
    } else if ((op === '$in' || op === '$nin') && !Array.isArray(operand)) {
      issues.push({ path: opAt, message: `'${op}' takes an array` });
    } else if (NUMERIC.has(op) && !isNumeric(operand)) {
      issues.push({ path: opAt, message: `'${op}' takes a number` });
    } else if (op === '$regex') {
      checkRegex(operand, opAt, issues);
    } else if (op === '$length' && typeof operand !== 'number') {
      checkCondition(operand, opAt, issues);
      if (!isPlainObject(operand)) issues.push({ path: opAt, message: "'$length' takes a number or an operator object" });
    }
  }
}

function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && Number.isFinite(Number.parseFloat(value));
}

function checkRegex(operand: unknown, at: Path, issues: ConfigIssue[]): void {
  if (typeof operand !== 'string') {
    issues.push({ path: at, message: "'$regex' takes a string" });
    return;
  }
  try {
    new RegExp(operand);
  } catch {
    issues.push({ path: at, message: `'$regex' is not a valid regular expression: ${operand}` });
  }
}
