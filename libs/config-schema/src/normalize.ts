/**
 * snake_case → camelCase conversion of a raw config, once at parse time. Only the config's own
 * structure is converted (node keys, `strategy`, `retry`, `cache`, nested `targets`); values that
 * belong to others (`override_params`, queries, hooks, service-account JSON, unknown keys' values)
 * are kept verbatim, because their keys are request fields, metadata names or plugin parameters.
 *
 * Callers must bound the tree's depth first (see limits.ts): this recursion follows `targets`.
 */

export function toCamelCase(key: string): string {
  return key.indexOf('_') === -1 ? key : key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The hosted docs spell it `use_retry_after_headers`; accept both. */
const KEY_ALIASES: Record<string, string> = { useRetryAfterHeaders: 'useRetryAfterHeader' };

/**
 * Copies `raw` with camel-cased keys, values untouched unless `convert` says otherwise. When a key
 * is given in both spellings, the snake_case one (the documented form) wins, whatever the order.
 */
function camelizeKeys(
  raw: Record<string, unknown>,
  convert?: (camelKey: string, value: unknown) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(raw);
  // Two passes: keys without '_' first, so a snake_case spelling always overwrites.
  for (let pass = 0; pass < 2; pass++) {
    for (const key of keys) {
      const snake = key.indexOf('_') !== -1;
      if (snake !== (pass === 1)) continue;
      let camel = toCamelCase(key);
      camel = KEY_ALIASES[camel] ?? camel;
      const value = raw[key];
      out[camel] = convert ? convert(camel, value) : value;
    }
  }
  return out;
}

function convertNodeValue(camelKey: string, value: unknown): unknown {
  switch (camelKey) {
    case 'targets':
      return Array.isArray(value) ? value.map((t) => (isPlainObject(t) ? normalizeNode(t) : t)) : value;
    case 'strategy':
    case 'retry':
    case 'cache':
    case 'hedge':
    case 'shadow':
      // Shallow: `strategy.conditions` and everything below it stays verbatim.
      return isPlainObject(value) ? camelizeKeys(value) : value;
    default:
      return value;
  }
}

/** One node (and its `targets`, recursively) with camel-cased keys. */
export function normalizeNode(raw: Record<string, unknown>): Record<string, unknown> {
  return camelizeKeys(raw, convertNodeValue);
}
