/**
 * Field names in both spellings. Errors name fields the way the docs write them (snake_case),
 * whatever spelling the user sent, so messages match the reference's.
 */

/** `onStatusCodes` → `on_status_codes`. */
export function toSnakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Fields whose contents are someone else's keys: a path below them is printed verbatim. */
const VERBATIM_FIELDS = new Set([
  'query',
  'overrideParams',
  'vertexServiceAccountJson',
  'beforeRequestHooks',
  'afterRequestHooks',
  'inputGuardrails',
  'outputGuardrails',
  'inputMutators',
  'outputMutators',
]);

/** A zod path over the normalized config, as the user wrote it (snake_case structure keys). */
export function displayPath(path: ReadonlyArray<PropertyKey>): Array<string | number> {
  const out: Array<string | number> = [];
  let verbatim = false;
  for (const segment of path) {
    if (typeof segment === 'number') out.push(segment);
    else {
      const text = String(segment);
      out.push(verbatim ? text : toSnakeCase(text));
      if (VERBATIM_FIELDS.has(text)) verbatim = true;
    }
  }
  return out;
}
