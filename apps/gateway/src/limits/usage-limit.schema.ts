/** Admin API input for limits: one scope's rules; an omitted or null field means "no limit". */
import { z } from 'zod';

const count = z.number().int().positive().max(1_000_000_000).nullable().optional();
const usd = z.number().positive().max(100_000_000).nullable().optional();

export const putUsageLimitSchema = z
  .object({
    scope: z.enum(['workspace', 'api_key', 'virtual_key', 'config']),
    /** The API key's id, the virtual key's slug or the saved config's id (`pc-…`); omitted for the workspace. */
    scopeId: z.string().min(1).max(200).optional(),
    requestsPerMinute: count,
    tokensPerMinute: count,
    concurrentRequests: count,
    costPerDayUsd: usd,
    costPerMonthUsd: usd,
    /** Fraction of a cost budget at which an alert is logged and counted (e.g. 0.8). */
    alertThreshold: z.number().gt(0).max(1).nullable().optional(),
  })
  .strict()
  .refine((v) => (v.scope === 'workspace') === (v.scopeId === undefined), {
    message: 'scopeId names the API key, virtual key or saved config, and is omitted for the workspace',
    path: ['scopeId'],
  });

export type PutUsageLimitInput = z.infer<typeof putUsageLimitSchema>;
