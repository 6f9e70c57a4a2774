/** Request shapes of the shadow comparison and replay endpoints (see admin.schemas.ts for the rest). */
import { z } from 'zod';

const isoDate = z.coerce.date({ error: 'must be an ISO 8601 date-time' });
const configId = z.string().regex(/^pc-[A-Za-z0-9_-]+$/, 'must be a saved config id (pc-…)');

export const comparisonQuerySchema = z
  .object({
    source: z.enum(['shadow', 'replay']).optional(),
    configId: configId.optional(),
    shadowConfigId: configId.optional(),
    replayJobId: z.uuid({ error: 'must be a UUID' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

export const startReplaySchema = z
  .object({
    targetConfigId: configId,
    filter: z
      .object({
        configId: configId.optional(),
        model: z.string().max(200).optional(),
        provider: z.string().max(100).optional(),
        status: z.number().int().min(100).max(599).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
      })
      .strict()
      .default({}),
    /** Newest matching requests first, at most this many. */
    limit: z.number().int().min(1).max(5_000).default(500),
    /** Requests started per second (a bounded rate: the target's providers are real). */
    ratePerSecond: z.number().int().min(1).max(100).default(10),
  })
  .strict();
