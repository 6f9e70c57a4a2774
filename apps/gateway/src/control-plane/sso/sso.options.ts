/**
 * SSO settings from the environment, validated once at start-up: the public base URL the callback
 * is built from (GATEWAY_PUBLIC_URL; never the Host header), and an optional connection to seed on
 * first start (SSO_ISSUER_URL, SSO_CLIENT_ID, SSO_CLIENT_SECRET, ...). SSO_CLIENT_SECRET is
 * sensitive: it is only ever sealed into the database, never logged or echoed in errors.
 */
import { z } from 'zod';
import { adminOptionsFromEnv } from '../../admin/admin.options.js';
import { createSsoConnectionSchema, type CreateSsoConnectionInput } from './sso-connection.schema.js';

export const SSO_OPTIONS = Symbol('SSO_OPTIONS');

export const SSO_CALLBACK_PATH = '/admin/api/v1/auth/sso/callback';

export interface SsoSeed {
  /** Workspace to attach it to; default: the bootstrap owner's first workspace, else the oldest. */
  workspaceId?: string;
  connection: CreateSsoConnectionInput;
}

export interface SsoOptions {
  /** `https://gateway.example.com`; default `http://127.0.0.1:$PORT` for a local start. */
  publicUrl: string;
  seed?: SsoSeed;
}

const list = (raw: string | undefined) => (raw ?? '').split(/[\s,]+/).filter(Boolean);

/** `SSO_ROLE_MAPPINGS`: JSON (`[{"claim":"groups","value":"gw-admins","role":"admin"}]`) or `gw-admins=admin,gw-devs=member`. */
function roleMappings(raw: string | undefined): unknown {
  if (!raw?.trim()) return undefined;
  if (raw.trim().startsWith('[')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new Error('SSO_ROLE_MAPPINGS is not valid JSON.');
    }
  }
  return raw.split(',').map((pair) => {
    const index = pair.lastIndexOf('=');
    return { value: pair.slice(0, index).trim(), role: pair.slice(index + 1).trim() };
  });
}

export function ssoOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SsoOptions {
  const publicUrl = adminOptionsFromEnv(env).publicUrl ?? `http://127.0.0.1:${env.PORT || 8787}`;
  if (!env.SSO_ISSUER_URL) return { publicUrl };
  const parsed = createSsoConnectionSchema.safeParse({
    name: env.SSO_NAME || 'SSO',
    issuer: env.SSO_ISSUER_URL,
    clientId: env.SSO_CLIENT_ID,
    clientSecret: env.SSO_CLIENT_SECRET,
    scopes: env.SSO_SCOPES ? list(env.SSO_SCOPES) : undefined,
    groupsClaim: env.SSO_GROUPS_CLAIM || undefined,
    roleMappings: roleMappings(env.SSO_ROLE_MAPPINGS),
    defaultRole: env.SSO_DEFAULT_ROLE || undefined,
    allowedDomains: env.SSO_ALLOWED_DOMAINS ? list(env.SSO_ALLOWED_DOMAINS) : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable: Record<string, string> = {
      name: 'SSO_NAME',
      issuer: 'SSO_ISSUER_URL',
      clientId: 'SSO_CLIENT_ID',
      clientSecret: 'SSO_CLIENT_SECRET',
      scopes: 'SSO_SCOPES',
      groupsClaim: 'SSO_GROUPS_CLAIM',
      roleMappings: 'SSO_ROLE_MAPPINGS',
      defaultRole: 'SSO_DEFAULT_ROLE',
      allowedDomains: 'SSO_ALLOWED_DOMAINS',
    };
    const name = variable[String(issue.path[0])] ?? 'SSO_*';
    // The message only, never the value: this may be the client secret.
    throw new Error(`${name}: ${issue.code === 'invalid_type' ? 'is required with SSO_ISSUER_URL' : issue.message}`);
  }
  const workspaceId = env.SSO_WORKSPACE_ID?.trim() || undefined;
  if (workspaceId && !z.uuid().safeParse(workspaceId).success) throw new Error('SSO_WORKSPACE_ID must be a workspace id (UUID).');
  return { publicUrl, seed: { workspaceId, connection: parsed.data } };
}
