import type { CheckFunction } from '../types.js';
import { outcome } from './text-checks.js';

/** The model the request names (after override_params), against an allow-list. */
export const modelWhitelist: CheckFunction = (ctx, p) => {
  const model = typeof ctx.request.json.model === 'string' ? ctx.request.json.model : '';
  const models = p.models as string[];
  const passed = models.includes(model);
  return outcome(passed, p, { model, models }, passed ? `model ${model} is allowed` : `model ${model || '(none)'} is not in the allow-list`);
};

/** Keys the request's x-portkey-metadata must carry (any, all or none of them). */
export const requiredMetadataKeys: CheckFunction = (ctx, p) => {
  const keys = p.metadataKeys as string[];
  const present = keys.filter((k) => ctx.metadata[k] !== undefined);
  const operator = (p.operator as string) ?? 'all';
  const passed = operator === 'any' ? present.length > 0 : operator === 'none' ? present.length === 0 : present.length === keys.length;
  return outcome(passed, p, { operator, present, missing: keys.filter((k) => !present.includes(k)) }, `${present.length} of ${keys.length} metadata keys present (operator ${operator})`);
};
