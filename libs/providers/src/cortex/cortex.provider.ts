import type { ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Snowflake Cortex: the Cortex REST API's Chat Completions endpoint, a superset of OpenAI's, at
 * `https://<account>.snowflakecomputing.com/api/v2/cortex/v1`, a programmatic access token as the
 * bearer key. The account comes from `snowflake_account` (x-portkey-snowflake-account, as the
 * reference names it) or the whole URL from a custom host.
 */
const ACCOUNT = /^[A-Za-z0-9_.-]+$/;

/** Throws (a 400, before any I/O) without a usable account; only asked when no custom host is set. */
export function cortexBaseUrl(options: ProviderOptions): string {
  const account = typeof options.snowflakeAccount === 'string' ? options.snowflakeAccount.trim() : '';
  // The account is part of a host name: anything else would let a header choose the host.
  if (!account || !ACCOUNT.test(account)) {
    throw new UnsupportedRequestError('cortex needs the Snowflake account identifier (snowflake_account, x-portkey-snowflake-account) or a custom host');
  }
  return `https://${account.toLowerCase()}.snowflakecomputing.com/api/v2/cortex/v1`;
}

const base = openAiCompatible({ id: 'cortex', displayName: 'Snowflake Cortex', baseUrl: undefined, endpoints: ['chatComplete'] });

export const cortex = { ...base, baseUrl: cortexBaseUrl };
