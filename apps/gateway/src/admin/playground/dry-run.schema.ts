/** The playground's dry-run request: a saved config (id, optional version) or a draft, and a request. */
import { z } from 'zod';

const object = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' });

export const dryRunSchema = z
  .object({
    configId: z.string().trim().min(1).max(200).optional(),
    version: z.number().int().positive().optional(),
    config: object.optional(),
    request: z
      .object({
        body: object.default({}),
        metadata: object.optional(),
        /** Gateway request headers: x-portkey-config, x-portkey-metadata, x-portkey-request-timeout, x-portkey-provider. */
        headers: z.record(z.string(), z.string()).default({}),
        path: z.string().startsWith('/', 'must start with /').max(500).default('/v1/chat/completions'),
      })
      .strict()
      .default({ body: {}, headers: {}, path: '/v1/chat/completions' }),
    /** Status every call answers in the "every call fails" run (default 503). */
    failureStatus: z.number().int().min(400).max(599).optional(),
    /** Repeats a dry run's loadbalance draw and backoff samples. */
    seed: z.number().int().min(0).max(4294967295).optional(),
  })
  .strict()
  .refine((v) => !(v.configId !== undefined && v.config !== undefined), { message: 'give configId or config, not both', path: ['config'] });

export type DryRunRequest = z.output<typeof dryRunSchema>;
