import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './env-reader.js';
import { loadGatewayConfig } from './gateway-config.js';
import { validateEnvironment } from './validate-environment.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    validateEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateEnvironment', () => {
  it('accepts an empty environment (every default is valid)', () => {
    expect(problemsOf({})).toEqual([]);
    expect(validateEnvironment({}).port).toBe(8787);
  });

  it('names every bad value in one error, across the gateway and control-plane settings', () => {
    const pricing = join(mkdtempSync(join(tmpdir(), 'aigw-cfg-')), 'prices.json');
    writeFileSync(pricing, '{ not json');
    const env = {
      PORT: 'eighty',
      GATEWAY_REQUIRE_API_KEY: 'maybe',
      GATEWAY_BODY_LIMIT_BYTES: '10',
      TRUSTED_CUSTOM_HOSTS: 'localhost,10.0.0.0/40',
      GATEWAY_INBOUND_DENY: 'nope',
      GATEWAY_LOG_BATCH_SIZE: '0',
      GATEWAY_MASTER_KEY: 'short',
      ADMIN_EMAIL: 'a@example.com',
      DATABASE_URL: 'mysql://root:hunter2@db/app',
      REDIS_URL: '::not a url::',
      GATEWAY_DATABASE: 'maybe',
      GATEWAY_HEAP_GROWTH_PERCENT: 'lots',
      GATEWAY_PRICING_FILE: pricing,
    };
    const problems = problemsOf(env);
    expect(problems).toEqual([
      'PORT must be an integer >= 0, got "eighty"',
      'GATEWAY_BODY_LIMIT_BYTES must be an integer >= 1024, got "10"',
      'GATEWAY_REQUIRE_API_KEY must be true or false, got "maybe"',
      'TRUSTED_CUSTOM_HOSTS: "10.0.0.0/40" is not a valid CIDR range',
      'GATEWAY_INBOUND_DENY: "nope" is not an IP address or CIDR range',
      'GATEWAY_DATABASE must be on or off, got "maybe"',
      'GATEWAY_LOG_BATCH_SIZE must be an integer >= 1, got "0"',
      'GATEWAY_HEAP_GROWTH_PERCENT must be an integer from 0 (V8\'s own heuristic) to 300, got "lots"',
      expect.stringMatching(/^GATEWAY_MASTER_KEY must be 32 bytes/),
      'set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin, or neither',
      'DATABASE_URL must be a postgres: or postgresql: URL, got a mysql: one',
      'REDIS_URL is not a valid URL',
      expect.stringContaining(`GATEWAY_PRICING_FILE ${pricing} is not a readable pricing JSON file:`),
    ]);
    // One message lists them all, and never echoes a connection URL's password.
    const message = (() => {
      try {
        validateEnvironment(env);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/^Invalid configuration \(13 problems\):\n  - PORT/);
    expect(message).not.toContain('hunter2');
  });

  it('loadGatewayConfig alone reports every bad gateway setting too', () => {
    expect(() => loadGatewayConfig({ PORT: 'x', GATEWAY_RETRY_CAP_MS: '-1' })).toThrow(
      'Invalid configuration (2 problems):\n  - PORT must be an integer >= 0, got "x"\n  - GATEWAY_RETRY_CAP_MS must be an integer >= 0, got "-1"',
    );
  });
});
