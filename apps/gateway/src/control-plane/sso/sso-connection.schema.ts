/**
 * Input shapes of SSO connections (admin API and environment seeding share them). The issuer must
 * be https, except on the loopback interface (a local IdP during development and tests).
 */
import { z } from 'zod';

const role = z.enum(['owner', 'admin', 'member', 'viewer']);

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

const issuer = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
      } catch {
        return false;
      }
    },
    { message: 'must be an https URL (http only on 127.0.0.1/localhost), e.g. https://acme.okta.com' },
  );

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ''))
  .pipe(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain such as example.com'));

export const roleMappingRuleSchema = z
  .object({
    claim: z.string().trim().min(1).max(200).optional(),
    value: z.string().min(1).max(500),
    role,
  })
  .strict();

const fields = {
  name: z.string().trim().min(1).max(100),
  issuer,
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(4000),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be a scope name'))
    .max(20)
    .refine((s) => s.includes('openid'), { message: 'must include openid' }),
  groupsClaim: z.string().trim().min(1).max(200),
  roleMappings: z.array(roleMappingRuleSchema).max(100),
  defaultRole: role.nullable(),
  allowedDomains: z.array(domain).max(100),
  enabled: z.boolean(),
};

export const createSsoConnectionSchema = z
  .object({
    ...fields,
    scopes: fields.scopes.default(['openid', 'email', 'profile']),
    groupsClaim: fields.groupsClaim.default('groups'),
    roleMappings: fields.roleMappings.default([]),
    defaultRole: fields.defaultRole.default(null),
    allowedDomains: fields.allowedDomains.default([]),
    enabled: fields.enabled.default(true),
  })
  .strict();

export const updateSsoConnectionSchema = z
  .object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> })
  .strict();

export const ssoSettingsSchema = z.object({ passwordLogin: z.boolean() }).strict();

/** Where the test sign-in lands afterwards: a console path under /admin/. */
export const testSsoConnectionSchema = z.object({ returnTo: z.string().startsWith('/admin/', 'must be a path under /admin/').max(500).optional() }).strict();

export type CreateSsoConnectionInput = z.output<typeof createSsoConnectionSchema>;
export type UpdateSsoConnectionInput = z.output<typeof updateSsoConnectionSchema>;
