import { generateKeyPairSync } from 'node:crypto';
import { type Endpoint, PROVIDERS } from '@aigw/providers';

/** An OCI API signing key for the oracle target, pasted on one line as a header carries it. */
const OCI_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, ' ');

/**
 * How every chat provider in the registry reaches the mock provider: the custom host standing in
 * for its base URL, and the headers its target needs. OpenAI-compatible providers keep the path
 * of their real base URL, so the gateway's URL building is exercised as in production; the others
 * are listed by hand.
 */
export interface ChatCase {
  provider: string;
  model: string;
  customHost: (mockUrl: string) => string;
  headers?: Record<string, string>;
}

const NATIVE: Record<string, Omit<ChatCase, 'provider'>> = {
  anthropic: { model: 'claude-sonnet-4-5', customHost: (m) => `${m}/v1` },
  google: { model: 'gemini-2.0-flash', customHost: (m) => m },
  palm: { model: 'gemini-2.0-flash', customHost: (m) => m },
  'azure-openai': {
    model: 'gpt-4o',
    customHost: (m) => `${m}/openai`,
    headers: { 'x-portkey-azure-resource-name': 'res', 'x-portkey-azure-deployment-id': 'dep', 'x-portkey-azure-api-version': '2024-10-21' },
  },
  cohere: { model: 'command-a-03-2025', customHost: (m) => m },
  ai21: { model: 'jamba-large', customHost: (m) => `${m}/studio/v1` },
  bedrock: {
    model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    customHost: (m) => m,
    headers: { 'x-portkey-aws-access-key-id': 'AKIDEXAMPLE', 'x-portkey-aws-secret-access-key': 'secret', 'x-portkey-aws-region': 'us-east-1' },
  },
  'vertex-ai': {
    model: 'gemini-2.0-flash',
    customHost: (m) => m,
    headers: { 'x-portkey-vertex-region': 'us-central1', 'x-portkey-vertex-project-id': 'proj-1' },
  },
  'workers-ai': { model: '@cf/meta/llama-3.1-8b-instruct', customHost: (m) => `${m}/client/v4/accounts/acct/ai` },
  ollama: { model: 'llama3.2', customHost: (m) => m },
  predibase: { model: 'llama-3-8b', customHost: (m) => m },
  vllm: { model: 'served-model', customHost: (m) => `${m}/v1` },
  'lm-studio': { model: 'served-model', customHost: (m) => `${m}/v1` },
  'llama-cpp': { model: 'served-model', customHost: (m) => `${m}/v1` },
  triton: { model: 'served-model', customHost: (m) => `${m}/v1` },
  sglang: { model: 'served-model', customHost: (m) => `${m}/v1` },
  localai: { model: 'served-model', customHost: (m) => `${m}/v1` },
  tgi: { model: 'tgi', customHost: (m) => `${m}/v1` },
  databricks: { model: 'databricks-meta-llama-3-3-70b-instruct', customHost: (m) => `${m}/serving-endpoints` },
  cortex: { model: 'claude-3-5-sonnet', customHost: (m) => `${m}/api/v2/cortex/v1` },
  'azure-ai': { model: 'Phi-4', customHost: (m) => `${m}/models`, headers: { 'x-portkey-azure-api-version': '2024-05-01-preview' } },
  oracle: {
    model: 'meta.llama-3.3-70b-instruct',
    customHost: (m) => m,
    headers: {
      'x-portkey-oracle-tenancy': 'ocid1.tenancy.oc1..aaa',
      'x-portkey-oracle-user': 'ocid1.user.oc1..bbb',
      'x-portkey-oracle-fingerprint': '20:3b:97:13',
      'x-portkey-oracle-private-key': OCI_KEY,
      'x-portkey-oracle-region': 'us-chicago-1',
      'x-portkey-oracle-compartment-id': 'ocid1.compartment.oc1..ccc',
    },
  },
  // Bearer mode: the IAM token endpoint is a fixed public host, never called from tests.
  watsonx: { model: 'ibm/granite-3-8b-instruct', customHost: (m) => m, headers: { 'x-portkey-watsonx-project-id': 'proj-1', 'x-portkey-watsonx-auth-type': 'bearer' } },
};

/** Every provider serving `endpoint`, with how to reach the mock. */
export function casesFor(endpoint: Endpoint): ChatCase[] {
  const cases: ChatCase[] = [];
  for (const [id, adapter] of PROVIDERS) {
    if (!adapter.endpoints[endpoint]) continue;
    const native = NATIVE[id];
    if (native) {
      cases.push({ provider: id, ...native });
      continue;
    }
    const base = adapter.baseUrl({ provider: id });
    if (!base) throw new Error(`${id}: add a case for a provider without a base URL`);
    const path = new URL(base).pathname.replace(/\/$/, '');
    cases.push({ provider: id, model: `${id}-model`, customHost: (m) => `${m}${path}` });
  }
  return cases;
}

export const chatCases = (): ChatCase[] => casesFor('chatComplete');
