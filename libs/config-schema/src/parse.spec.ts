import { isSavedConfigId, parseConfig, parseConfigHeader, type ConfigParseResult, type RoutingConfig } from './index.js';

function ok(result: ConfigParseResult): RoutingConfig {
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.errors.join(' | ')}`);
  return result.config;
}

describe('parseConfigHeader: configs from the reference docs', () => {
  it('accepts a fallback over virtual keys, with override_params on the second target', () => {
    const config = ok(
      parseConfigHeader(
        JSON.stringify({
          strategy: { mode: 'fallback' },
          targets: [
            { virtual_key: 'openai-virtual-key' },
            { virtual_key: 'anthropic-virtual-key', override_params: { model: 'claude-3-opus-20240229', max_tokens: 1000 } },
          ],
        }),
      ),
    );
    expect(config.strategy).toEqual({ mode: 'fallback' });
    expect(config.targets).toEqual([
      { virtualKey: 'openai-virtual-key' },
      { virtualKey: 'anthropic-virtual-key', overrideParams: { model: 'claude-3-opus-20240229', max_tokens: 1000 } },
    ]);
  });

  it('accepts a fallback restricted to status codes', () => {
    const config = ok(
      parseConfigHeader(
        '{"strategy":{"mode":"fallback","on_status_codes":[429,503]},"targets":[{"provider":"openai","api_key":"sk-1"},{"provider":"anthropic","api_key":"sk-2"}]}',
      ),
    );
    expect(config.strategy?.onStatusCodes).toEqual([429, 503]);
  });

  it('accepts a weighted loadbalance with fractional weights and a zero weight', () => {
    const config = ok(
      parseConfigHeader(
        JSON.stringify({
          strategy: { mode: 'loadbalance' },
          targets: [
            { provider: 'openai', api_key: 'sk-1', weight: 0.7 },
            { provider: 'anthropic', api_key: 'sk-2', weight: 0.3, override_params: { model: 'claude-3-opus-20240229' } },
            { provider: 'groq', api_key: 'sk-3', weight: 0 },
          ],
        }),
      ),
    );
    expect(config.targets?.map((t) => t.weight)).toEqual([0.7, 0.3, 0]);
  });

  it('accepts a conditional router with default, keeping query keys verbatim', () => {
    const config = ok(
      parseConfigHeader(
        JSON.stringify({
          strategy: {
            mode: 'conditional',
            conditions: [
              { query: { 'metadata.user_plan': { $eq: 'paid' } }, then: 'finetuned-gpt4' },
              { query: { $or: [{ 'params.model': { $in: ['gpt-4o', 'gpt-4'] } }, { 'metadata.tier_level': { $gte: 3 } }] }, then: 'base-gpt4' },
            ],
            default: 'base-gpt4',
          },
          targets: [
            { name: 'finetuned-gpt4', virtual_key: 'xx' },
            { name: 'base-gpt4', virtual_key: 'yy' },
          ],
        }),
      ),
    );
    expect(config.strategy?.conditions?.[0].query).toEqual({ 'metadata.user_plan': { $eq: 'paid' } });
    expect(config.strategy?.conditions?.[1].query).toEqual({
      $or: [{ 'params.model': { $in: ['gpt-4o', 'gpt-4'] } }, { 'metadata.tier_level': { $gte: 3 } }],
    });
    expect(config.strategy?.default).toBe('base-gpt4');
  });

  it('accepts single mode', () => {
    const config = ok(parseConfigHeader('{"strategy":{"mode":"single"},"targets":[{"provider":"openai","api_key":"k"}]}'));
    expect(config.strategy?.mode).toBe('single');
  });

  it('accepts a retry-only config (provider from the headers) and a header-provider timeout config', () => {
    expect(ok(parseConfigHeader('{"retry":{"attempts":3}}')).retry).toEqual({ attempts: 3 });
    expect(ok(parseConfigHeader('{"request_timeout":10000}')).requestTimeout).toBe(10000);
    expect(ok(parseConfigHeader('{"cache":{"mode":"semantic","max_age":60}}')).cache).toEqual({ mode: 'semantic', maxAge: 60 });
  });

  it('accepts retry with status codes and the Retry-After switch (both hosted spellings)', () => {
    expect(
      ok(parseConfigHeader('{"provider":"openai","retry":{"attempts":5,"on_status_codes":[429],"use_retry_after_header":true}}')).retry,
    ).toEqual({ attempts: 5, onStatusCodes: [429], useRetryAfterHeader: true });
    expect(ok(parseConfigHeader('{"provider":"openai","retry":{"attempts":1,"use_retry_after_headers":true}}')).retry).toEqual({
      attempts: 1,
      useRetryAfterHeader: true,
    });
  });

  it('accepts nested strategies (loadbalance of fallbacks) with inherited settings at each level', () => {
    const config = ok(
      parseConfigHeader(
        JSON.stringify({
          strategy: { mode: 'loadbalance' },
          request_timeout: 5000,
          targets: [
            {
              strategy: { mode: 'fallback' },
              retry: { attempts: 2 },
              targets: [
                { provider: 'openai', api_key: 'a' },
                { provider: 'azure-openai', api_key: 'b', resource_name: 'r', deployment_id: 'd', api_version: '2024-02-01' },
              ],
            },
            { provider: 'anthropic', api_key: 'c', weight: 2 },
          ],
        }),
      ),
    );
    const azure = config.targets?.[0].targets?.[1];
    expect(azure).toEqual({ provider: 'azure-openai', apiKey: 'b', resourceName: 'r', deploymentId: 'd', apiVersion: '2024-02-01' });
  });

  it('camel-cases provider-specific options but keeps the service-account JSON verbatim', () => {
    const config = ok(
      parseConfigHeader(
        JSON.stringify({
          provider: 'vertex-ai',
          vertex_project_id: 'p',
          vertex_region: 'us-central1',
          vertex_service_account_json: { type: 'service_account', private_key_id: 'x', client_email: 'a@b' },
          aws_access_key_id: 'AK',
          aws_secret_access_key: 'SK',
          aws_session_token: 'ST',
          aws_region: 'us-east-1',
          openai_organization: 'org',
          openai_project: 'proj',
          anthropic_version: '2023-06-01',
          anthropic_beta: 'tools-2024',
          azure_ad_token: 'tok',
        }),
      ),
    );
    expect(config).toEqual({
      provider: 'vertex-ai',
      vertexProjectId: 'p',
      vertexRegion: 'us-central1',
      vertexServiceAccountJson: { type: 'service_account', private_key_id: 'x', client_email: 'a@b' },
      awsAccessKeyId: 'AK',
      awsSecretAccessKey: 'SK',
      awsSessionToken: 'ST',
      awsRegion: 'us-east-1',
      openaiOrganization: 'org',
      openaiProject: 'proj',
      anthropicVersion: '2023-06-01',
      anthropicBeta: 'tools-2024',
      azureAdToken: 'tok',
    });
  });

  it('keeps hooks and guardrails verbatim for the guardrails feature', () => {
    const output = [{ 'default.contains': { operator: 'none', words: ['Apple'] }, deny: true, on_fail: { feedback: 1 } }];
    const before = [{ id: 'h1', type: 'guardrail', checks: [{ id: 'default.regexMatch', parameters: { rule: 'x' } }] }];
    const config = ok(
      parseConfigHeader(
        JSON.stringify({ provider: 'openai', input_guardrails: ['pg-abc'], output_guardrails: output, before_request_hooks: before }),
      ),
    );
    expect(config.inputGuardrails).toEqual(['pg-abc']);
    expect(config.outputGuardrails).toEqual(output);
    expect(config.beforeRequestHooks).toEqual(before);
  });

  it('keeps forward_headers, custom_host and strict_open_ai_compliance', () => {
    const config = ok(
      parseConfigHeader(
        '{"provider":"ollama","custom_host":"http://localhost:11434","forward_headers":["x-user-id"],"strict_open_ai_compliance":false}',
      ),
    );
    expect(config).toEqual({
      provider: 'ollama',
      customHost: 'http://localhost:11434',
      forwardHeaders: ['x-user-id'],
      strictOpenAiCompliance: false,
    });
  });

  it('accepts a sticky loadbalance keyed by metadata', () => {
    const config = ok(
      parseConfigHeader(
        '{"strategy":{"mode":"loadbalance","sticky_key":"metadata.user_id"},"targets":[{"provider":"openai"},{"provider":"groq"}]}',
      ),
    );
    expect(config.strategy?.stickyKey).toBe('metadata.user_id');
  });
});

describe('key normalization', () => {
  it('accepts camelCase input and produces the same config as snake_case', () => {
    const snake = ok(
      parseConfig({
        strategy: { mode: 'fallback', on_status_codes: [500] },
        targets: [{ provider: 'openai', api_key: 'k', override_params: { max_tokens: 5 }, retry: { attempts: 1, use_retry_after_header: true } }],
      }),
    );
    const camel = ok(
      parseConfig({
        strategy: { mode: 'fallback', onStatusCodes: [500] },
        targets: [{ provider: 'openai', apiKey: 'k', overrideParams: { max_tokens: 5 }, retry: { attempts: 1, useRetryAfterHeader: true } }],
      }),
    );
    expect(camel).toEqual(snake);
  });

  it('never camel-cases inside override_params', () => {
    const config = ok(parseConfig({ provider: 'openai', override_params: { max_tokens: 1, response_format: { json_schema: { a_b: 1 } } } }));
    expect(config.overrideParams).toEqual({ max_tokens: 1, response_format: { json_schema: { a_b: 1 } } });
  });

  it('keeps unknown keys, camel-cased, with their values verbatim', () => {
    const config = ok(parseConfig({ provider: 'openai', cb_config: { failure_threshold: 3 }, id: 'cfg-1', aws_s3_bucket: 'b' }));
    expect(config.cbConfig).toEqual({ failure_threshold: 3 });
    expect(config.id).toBe('cfg-1');
    expect(config.awsS3Bucket).toBe('b');
  });

  it('prefers the snake_case spelling when both are given, whatever the order', () => {
    expect(ok(parseConfig({ provider: 'openai', api_key: 'snake', apiKey: 'camel' })).apiKey).toBe('snake');
    expect(ok(parseConfig({ provider: 'openai', apiKey: 'camel', api_key: 'snake' })).apiKey).toBe('snake');
  });

  it('returns the override params object itself, so a "__proto__" key stays an own data property', () => {
    const parsed = parseConfigHeader('{"provider":"openai","override_params":{"__proto__":{"polluted":true}}}');
    const config = ok(parsed);
    expect(Object.prototype.hasOwnProperty.call(config.overrideParams, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('non-JSON and saved configs', () => {
  it('answers the reference message for text that is not JSON, including pc- ids', () => {
    for (const text of ['pc-abc123', '{"strategy":', '', 'undefined']) {
      expect(parseConfigHeader(text)).toEqual({
        ok: false,
        message: 'Invalid config passed. You need to pass a valid json',
        errors: [],
        issues: [],
      });
    }
  });

  it('recognizes saved-config ids', () => {
    expect(isSavedConfigId('pc-abc123')).toBe(true);
    expect(isSavedConfigId(' pc-my_config-2 ')).toBe(true);
    expect(isSavedConfigId('pc-')).toBe(false);
    expect(isSavedConfigId('{"provider":"openai"}')).toBe(false);
    expect(isSavedConfigId('pc-a b')).toBe(false);
  });
});

describe('hedge', () => {
  const targets = [{ provider: 'openai', api_key: 'a' }, { provider: 'anthropic', api_key: 'b' }];

  it('accepts after_ms in milliseconds or "p95" on a fallback or loadbalance node', () => {
    const fallback = parseConfig({ strategy: { mode: 'fallback' }, hedge: { after_ms: 150, max_extra: 2 }, targets });
    expect(fallback.ok && fallback.config.hedge).toEqual({ afterMs: 150, maxExtra: 2 });
    const p95 = parseConfig({ strategy: { mode: 'loadbalance' }, hedge: { after_ms: 'p95' }, targets });
    expect(p95.ok && p95.config.hedge).toEqual({ afterMs: 'p95' });
  });

  it.each([
    [{ strategy: { mode: 'fallback' }, hedge: { after_ms: 0 }, targets }, 'path: hedge,after_ms, message: \'hedge.after_ms\' must be a number of milliseconds from 1 to 60000, or "p95"'],
    [{ strategy: { mode: 'fallback' }, hedge: { after_ms: 'p99' }, targets }, 'path: hedge,after_ms, message: \'hedge.after_ms\' must be a number of milliseconds from 1 to 60000, or "p95"'],
    [{ strategy: { mode: 'fallback' }, hedge: { after_ms: 10, max_extra: 9 }, targets }, "path: hedge,max_extra, message: 'hedge.max_extra' must be an integer from 1 to 3"],
    [{ strategy: { mode: 'conditional', conditions: [], default: 'x' }, hedge: { after_ms: 10 }, targets: [{ ...targets[0], name: 'x' }, targets[1]] }, "path: hedge, message: 'hedge' is only supported on a 'fallback' or 'loadbalance' node"],
    [{ provider: 'openai', api_key: 'a', hedge: { after_ms: 10 } }, "path: hedge, message: 'hedge' is only supported on a 'fallback' or 'loadbalance' node"],
    [{ strategy: { mode: 'fallback' }, hedge: { after_ms: 10 }, targets: [targets[0]] }, "path: hedge, message: 'hedge' needs at least two targets to send the extra request to"],
  ])('rejects %j', (config, message) => {
    const result = parseConfig(config);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContain(message);
  });
});
