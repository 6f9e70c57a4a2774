import { isObject } from './content.js';
import type { MockStep } from './types.js';

/**
 * Validation of scripted steps, shared by the control API, the in-process helpers and the
 * `x-mock-step` header. A typo in a test script should fail loudly, not silently do nothing.
 */

const NUMERIC = ['delayMs', 'chunkDelayMs', 'firstChunkDelayMs', 'failAfterChunks', 'errorEventAfterChunks'] as const;
const BOOLEAN = ['hang', 'dropConnection'] as const;
const KNOWN = new Set<string>(['status', 'body', 'headers', ...NUMERIC, ...BOOLEAN]);

/** Returns the step typed, or throws an Error whose message names the bad field. */
export function validateStep(raw: unknown, where = 'step'): MockStep {
  if (!isObject(raw)) throw new Error(`${where} must be an object`);
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key)) throw new Error(`${where}: unknown field "${key}"`);
  }
  if (raw.status !== undefined && !(Number.isInteger(raw.status) && raw.status >= 100 && raw.status <= 599)) {
    throw new Error(`${where}.status must be an integer HTTP status`);
  }
  for (const key of NUMERIC) {
    const v = raw[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw new Error(`${where}.${key} must be a non-negative number`);
    }
  }
  for (const key of BOOLEAN) {
    if (raw[key] !== undefined && typeof raw[key] !== 'boolean') throw new Error(`${where}.${key} must be a boolean`);
  }
  if (raw.headers !== undefined) {
    if (!isObject(raw.headers)) throw new Error(`${where}.headers must be an object`);
    for (const [k, v] of Object.entries(raw.headers)) {
      if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`${where}.headers.${k} must be a string or number`);
    }
  }
  return raw as MockStep;
}

export function validateSteps(raw: unknown): MockStep[] {
  if (!Array.isArray(raw)) throw new Error('steps must be an array');
  return raw.map((s, i) => validateStep(s, `steps[${i}]`));
}

// Benchmarks send the same header on every request: remember the last parse.
let lastHeader: string | undefined;
let lastStep: MockStep | undefined;

/** Parses `x-mock-step: <json>`; throws on bad JSON or an invalid step. */
export function stepFromHeader(value: string | string[] | undefined): MockStep | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') return undefined;
  if (text === lastHeader) return lastStep;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('x-mock-step header is not valid JSON');
  }
  const step = validateStep(parsed, 'x-mock-step');
  lastHeader = text;
  lastStep = step;
  return step;
}

/** True when a status is an error the flavour should render with its own error body. */
export function isErrorStatus(status: number | undefined): status is number {
  return status !== undefined && (status < 200 || status >= 300);
}
