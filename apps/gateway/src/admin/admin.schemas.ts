/**
 * Request shapes of the admin API (bodies and queries), as zod schemas: the same schema
 * validates the request and describes it in the OpenAPI document. Virtual-key shapes live with
 * the virtual-key service (control-plane/virtual-keys/virtual-key.schema.ts).
 */
import { z } from 'zod';
import { USAGE_GROUPS } from '../control-plane/request-logs/request-log.query.js';
import { workspaceInboundRulesSchema } from '../inbound/workspace-inbound-rules.js';

const name = z.string().trim().min(1).max(100);
const role = z.enum(['owner', 'admin', 'member', 'viewer']);
const isoDate = z.coerce.date({ error: 'must be an ISO 8601 date-time' });

export const loginSchema = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1000) });

export const createWorkspaceSchema = z.object({ name, logBodies: z.boolean().optional() }).strict();
export const updateWorkspaceSchema = z
  .object({
    name: name.optional(),
    logBodies: z.boolean().optional(),
    /** Who may call the gateway with this workspace's keys; null removes the workspace's own rules. */
    inboundRules: workspaceInboundRulesSchema.nullable().optional(),
  })
  .strict();

export const createConfigSchema = z.object({ name, config: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }) }).strict();
export const updateConfigSchema = z
  .object({ name: name.optional(), config: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.config !== undefined, { message: 'give a new config or a new name', path: ['config'] });

export const createApiKeySchema = z
  .object({
    name,
    kind: z.enum(['gateway', 'admin']).default('gateway'),
    expiresAt: isoDate.optional(),
  })
  .strict();

export const addMemberSchema = z
  .object({
    email: z.email({ error: 'must be an email address' }),
    role,
    name: name.optional(),
    password: z.string().min(12, 'must have at least 12 characters').max(1000).optional(),
  })
  .strict();
export const updateMemberSchema = z.object({ role }).strict();

export const versionParam = z.coerce.number({ error: 'must be a version number' }).int().positive();

const limit = z.coerce.number().int().min(1).max(200).default(50);

export const logSearchSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    status: z.string().regex(/^([1-5]\d\d|[1-5]xx)$/i, 'must be a status code (429) or a class (4xx)').optional(),
    errorsOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    provider: z.string().max(100).optional(),
    model: z.string().max(200).optional(),
    apiKeyId: z.uuid({ error: 'must be a UUID' }).optional(),
    virtualKey: z.string().max(200).optional(),
    configId: z.string().max(200).optional(),
    traceId: z.string().max(200).optional(),
    limit,
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const auditSearchSchema = z
  .object({ limit, cursor: z.string().regex(/^\d{1,19}$/, 'is not a valid cursor').optional() })
  .strict();

const DAY = 24 * 60 * 60 * 1000;
export const usageQuerySchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    groupBy: z.enum(USAGE_GROUPS).default('day'),
  })
  .strict()
  .transform((q) => {
    const to = q.to ?? new Date();
    return { groupBy: q.groupBy, to, from: q.from ?? new Date(to.getTime() - 30 * DAY) };
  })
  .refine((q) => q.from < q.to, { message: 'must be before to', path: ['from'] });
