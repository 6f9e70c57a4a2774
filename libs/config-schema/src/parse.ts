/**
 * Entry points: text or value in, a normalized, validated config (or the reference's 400 body
 * pieces) out. Pure and total: no input throws. The gateway caches the result by header text,
 * so all of this runs once per distinct config, not per request.
 */
import type { ConfigIssue, ConfigParseResult, RoutingConfig } from './config.types.js';
import { displayPath } from './field-names.js';
import { checkLimits } from './limits.js';
import { isPlainObject, normalizeNode } from './normalize.js';
import { routingConfigSchema } from './node.schema.js';

/** The reference's messages, verbatim: clients match on them. */
export const INVALID_CONFIG_MESSAGE = 'Invalid config passed';
export const INVALID_JSON_MESSAGE = 'Invalid config passed. You need to pass a valid json';

/** Enough to fix a config; a pathological one must not produce a megabyte of errors. */
const MAX_REPORTED_ISSUES = 50;

/** Parses the `x-portkey-config` header value. */
export function parseConfigHeader(text: string): ConfigParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: INVALID_JSON_MESSAGE, errors: [], issues: [] };
  }
  return parseConfig(value);
}

/** Validates an already-parsed config (a saved config, an admin form). */
export function parseConfig(value: unknown): ConfigParseResult {
  if (!isPlainObject(value)) return invalid([{ path: [], message: 'A config must be a JSON object' }]);
  const limitIssue = checkLimits(value);
  if (limitIssue) return invalid([limitIssue]);
  const normalized = normalizeNode(value);
  const result = routingConfigSchema.safeParse(normalized);
  if (!result.success) {
    return invalid(
      result.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({ path: displayPath(issue.path), message: issue.message })),
    );
  }
  // The normalized object, not zod's copy: it keeps verbatim values (override params) untouched.
  return { ok: true, config: normalized as RoutingConfig };
}

/** The reference's error string: `path: strategy,mode, message: …`. */
export function formatIssue(issue: ConfigIssue): string {
  return `path: ${issue.path.join(',')}, message: ${issue.message}`;
}

function invalid(issues: ConfigIssue[]): ConfigParseResult {
  return { ok: false, message: INVALID_CONFIG_MESSAGE, errors: issues.map(formatIssue), issues };
}

/** Saved configs are referenced by id (`pc-…`) instead of inline JSON; resolved by the gateway. */
export function isSavedConfigId(text: string): boolean {
  return /^pc-[A-Za-z0-9_-]+$/.test(text.trim());
}
