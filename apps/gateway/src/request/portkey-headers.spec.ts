import { GatewayError } from '../errors/gateway-error.js';
import { readPortkeyHeaders } from './portkey-headers.js';

describe('readPortkeyHeaders', () => {
  it('reads the reference gateway headers', () => {
    const h = readPortkeyHeaders({
      'x-portkey-provider': 'azure-openai',
      authorization: 'Bearer sk-test',
      'x-portkey-trace-id': 'trace-1',
      'x-portkey-custom-host': 'http://127.0.0.1:9000/v1',
      'x-portkey-request-timeout': '1500',
      'x-portkey-forward-headers': 'X-Tenant, x-user',
      'x-portkey-metadata': '{"user":"u1"}',
      'x-portkey-strict-open-ai-compliance': 'false',
      'x-portkey-azure-resource-name': 'res',
      'x-portkey-azure-deployment-id': 'dep',
      'x-portkey-azure-api-version': '2024-10-21',
    });
    expect(h).toMatchObject({
      provider: 'azure-openai',
      bearer: 'sk-test',
      traceId: 'trace-1',
      customHost: 'http://127.0.0.1:9000/v1',
      requestTimeoutMs: 1500,
      forwardHeaders: ['x-tenant', 'x-user'],
      metadata: { user: 'u1' },
      strictOpenAiCompliance: false,
      providerOptions: { resourceName: 'res', deploymentId: 'dep', apiVersion: '2024-10-21' },
    });
  });

  it('also reads camelCase forward-header names as the kebab-case headers the Portkey Node SDK sends', () => {
    const h = readPortkeyHeaders({ 'x-portkey-forward-headers': 'xTenantId, userID, Authorization, X-Request-Source' });
    expect(h.forwardHeaders).toEqual(['xtenantid', 'x-tenant-id', 'userid', 'user-id', 'authorization', 'x-request-source']);
  });

  it('takes the Anthropic key from x-api-key and prefers x-portkey-anthropic-version', () => {
    const h = readPortkeyHeaders({ 'x-api-key': 'ak', 'anthropic-version': 'bare', 'x-portkey-anthropic-version': 'prefixed' });
    expect(h.bearer).toBe('ak');
    expect(h.providerOptions.anthropicVersion).toBe('prefixed');
  });

  it.each([
    ['x-portkey-metadata', '[1,2]', /x-portkey-metadata/],
    ['x-portkey-metadata', 'not json', /x-portkey-metadata/],
    ['x-portkey-request-timeout', '-5', /x-portkey-request-timeout/],
    ['x-portkey-forward-headers', 'x-portkey-forward-headers', /itself/],
  ])('rejects a bad %s with a 400 naming it', (name, value, message) => {
    let caught: unknown;
    try {
      readPortkeyHeaders({ [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect((caught as GatewayError).status).toBe(400);
    expect((caught as GatewayError).message).toMatch(message);
  });

  it('reads the settings of Azure AI Foundry, Snowflake Cortex, OCI and watsonx targets', () => {
    const h = readPortkeyHeaders({
      'x-portkey-azure-foundry-url': 'https://contoso.services.ai.azure.com/models',
      'x-portkey-azure-extra-params': 'pass-through',
      'x-portkey-snowflake-account': 'myorg-acct',
      'x-portkey-oracle-tenancy': 'ocid1.tenancy.oc1..a',
      'x-portkey-oracle-region': 'us-chicago-1',
      'x-portkey-oracle-compartment-id': 'ocid1.compartment.oc1..c',
      'x-portkey-watsonx-project-id': 'proj-1',
      'x-portkey-watsonx-region': 'eu-de',
    });
    expect(h.providerOptions).toEqual({
      azureFoundryUrl: 'https://contoso.services.ai.azure.com/models',
      azureExtraParams: 'pass-through',
      snowflakeAccount: 'myorg-acct',
      oracleTenancy: 'ocid1.tenancy.oc1..a',
      oracleRegion: 'us-chicago-1',
      oracleCompartmentId: 'ocid1.compartment.oc1..c',
      watsonxProjectId: 'proj-1',
      watsonxRegion: 'eu-de',
    });
  });
});
