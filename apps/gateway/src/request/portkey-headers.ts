import type { ProviderOptions } from '@aigw/providers';
import { badRequest } from '../errors/gateway-error.js';

/**
 * The `x-portkey-*` request headers (and their bare provider equivalents), read once per request.
 * Names and meanings follow the reference gateway so clients can switch without changes.
 */
export interface PortkeyHeaders {
  provider?: string;
  config?: string;
  virtualKey?: string;
  /** A gateway API key (`x-portkey-api-key`). */
  gatewayApiKey?: string;
  /** `Authorization: Bearer …`: the provider key, or the gateway key when a virtual key or saved config is used. */
  bearer?: string;
  traceId?: string;
  customHost?: string;
  requestTimeoutMs?: number;
  forwardHeaders?: string[];
  metadata?: Record<string, unknown>;
  strictOpenAiCompliance?: boolean;
  /** Provider-specific settings given as headers (azure resource, anthropic version, …). */
  providerOptions: Partial<ProviderOptions>;
}

type Headers = Record<string, string | string[] | undefined>;

/** Header → provider option, for the providers of this gateway. */
const PROVIDER_OPTION_HEADERS: ReadonlyArray<[string, keyof ProviderOptions]> = [
  ['x-portkey-openai-organization', 'openaiOrganization'],
  ['x-portkey-openai-project', 'openaiProject'],
  ['x-portkey-openai-beta', 'openaiBeta'],
  ['x-portkey-azure-resource-name', 'resourceName'],
  ['x-portkey-azure-deployment-id', 'deploymentId'],
  ['x-portkey-azure-api-version', 'apiVersion'],
  ['x-portkey-azure-ad-token', 'azureAdToken'],
  ['x-portkey-azure-auth-mode', 'azureAuthMode'],
  ['x-portkey-anthropic-version', 'anthropicVersion'],
  ['x-portkey-anthropic-beta', 'anthropicBeta'],
  ['anthropic-version', 'anthropicVersion'],
  ['anthropic-beta', 'anthropicBeta'],
  ['x-portkey-aws-access-key-id', 'awsAccessKeyId'],
  ['x-portkey-aws-secret-access-key', 'awsSecretAccessKey'],
  ['x-portkey-aws-session-token', 'awsSessionToken'],
  ['x-portkey-aws-region', 'awsRegion'],
  ['x-portkey-vertex-project-id', 'vertexProjectId'],
  ['x-portkey-vertex-region', 'vertexRegion'],
  ['x-portkey-vertex-service-account-json', 'vertexServiceAccountJson'],
  ['x-portkey-aws-auth-type', 'awsAuthType'],
  ['x-portkey-workers-ai-account-id', 'workersAiAccountId'],
  ['x-portkey-huggingface-base-url', 'huggingfaceBaseUrl'],
  ['x-portkey-stability-client-id', 'stabilityClientId'],
  ['x-portkey-stability-client-user-id', 'stabilityClientUserId'],
  ['x-portkey-stability-client-version', 'stabilityClientVersion'],
  ['x-portkey-azure-entra-tenant-id', 'azureEntraTenantId'],
  ['x-portkey-azure-entra-client-id', 'azureEntraClientId'],
  ['x-portkey-azure-entra-client-secret', 'azureEntraClientSecret'],
  ['x-portkey-azure-entra-scope', 'azureEntraScope'],
  ['x-portkey-mistral-fim-completion', 'mistralFimCompletion'],
  ['x-portkey-predibase-tenant-id', 'predibaseTenantId'],
  ['x-portkey-azure-foundry-url', 'azureFoundryUrl'],
  ['x-portkey-azure-extra-params', 'azureExtraParams'],
  ['x-portkey-snowflake-account', 'snowflakeAccount'],
  ['x-portkey-oracle-tenancy', 'oracleTenancy'],
  ['x-portkey-oracle-user', 'oracleUser'],
  ['x-portkey-oracle-fingerprint', 'oracleFingerprint'],
  ['x-portkey-oracle-private-key', 'oraclePrivateKey'],
  ['x-portkey-oracle-key-passphrase', 'oracleKeyPassphrase'],
  ['x-portkey-oracle-region', 'oracleRegion'],
  ['x-portkey-oracle-compartment-id', 'oracleCompartmentId'],
  ['x-portkey-oracle-api-version', 'oracleApiVersion'],
  ['x-portkey-oracle-serving-mode', 'oracleServingMode'],
  // Ours (the reference has no watsonx provider), named like the others.
  ['x-portkey-watsonx-project-id', 'watsonxProjectId'],
  ['x-portkey-watsonx-space-id', 'watsonxSpaceId'],
  ['x-portkey-watsonx-region', 'watsonxRegion'],
  ['x-portkey-watsonx-version', 'watsonxVersion'],
  ['x-portkey-watsonx-auth-type', 'watsonxAuthType'],
];

function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === '' ? undefined : v;
}

export function readPortkeyHeaders(headers: Headers): PortkeyHeaders {
  const providerOptions: Partial<ProviderOptions> = {};
  for (const [name, key] of PROVIDER_OPTION_HEADERS) {
    const value = single(headers[name]);
    // The x-portkey-* form wins over the bare provider header when both are sent.
    if (value !== undefined && providerOptions[key] === undefined) providerOptions[key] = value;
  }

  const authorization = single(headers.authorization);
  const bearer = authorization?.replace(/^Bearer\s+/i, '') || undefined;
  // Anthropic's SDK sends its key as x-api-key; keep it for the anthropic provider.
  const anthropicKey = single(headers['x-api-key']);

  return {
    provider: single(headers['x-portkey-provider']),
    config: single(headers['x-portkey-config']),
    virtualKey: single(headers['x-portkey-virtual-key']),
    gatewayApiKey: single(headers['x-portkey-api-key']),
    bearer: bearer ?? anthropicKey,
    traceId: single(headers['x-portkey-trace-id']),
    customHost: parseCustomHost(single(headers['x-portkey-custom-host'])),
    requestTimeoutMs: parseTimeout(single(headers['x-portkey-request-timeout'])),
    forwardHeaders: parseList(single(headers['x-portkey-forward-headers'])),
    metadata: parseMetadata(single(headers['x-portkey-metadata'])),
    strictOpenAiCompliance: parseStrict(single(headers['x-portkey-strict-open-ai-compliance'])),
    providerOptions,
  };
}

function parseCustomHost(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('Invalid custom host');
  }
  // Only plain http(s) endpoints; credentials in the URL would leak into logs and errors.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) throw badRequest('Invalid custom host');
  return raw;
}

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) throw badRequest(`Invalid x-portkey-request-timeout: expected a positive integer of milliseconds, got "${raw}"`);
  return ms;
}

function parseList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw.split(',').map((h) => h.trim()).filter(Boolean).flatMap(forwardNames);
  if (names.includes('x-portkey-forward-headers')) throw badRequest('x-portkey-forward-headers cannot forward itself');
  return names;
}

/**
 * A listed name, lower-cased, plus its kebab-case form when it is camelCase: the Portkey Node SDK
 * sends `new Portkey({ forwardHeaders: ['xTenantId'], xTenantId: 'acme' })` as the header
 * `x-tenant-id` but lists the name as written (`xTenantId`).
 */
function forwardNames(name: string): string[] {
  const lower = name.toLowerCase();
  const kebab = name.replace('ID', 'Id').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return kebab !== lower && /^[a-z0-9]+(-[a-z0-9]+)+$/.test(kebab) ? [lower, kebab] : [lower];
}

function parseMetadata(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('Invalid x-portkey-metadata: expected a JSON object');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('Invalid x-portkey-metadata: expected a JSON object');
  return value as Record<string, unknown>;
}

function parseStrict(raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  return raw.toLowerCase() !== 'false';
}
