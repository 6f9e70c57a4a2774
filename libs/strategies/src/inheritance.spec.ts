import { config } from './__fixtures__/fake-executor.js';
import { compileConfig, resolveLeaves } from './route-plan.js';

describe('resolveLeaves: inheritance parent → child', () => {
  it('names a root leaf "config" and nested leaves by their target indexes', () => {
    expect(resolveLeaves(config({ provider: 'openai' })).map((l) => l.path)).toEqual(['config']);
    const nested = config({
      strategy: { mode: 'fallback' },
      targets: [
        { strategy: { mode: 'loadbalance' }, targets: [{ provider: 'a' }, { provider: 'b' }] },
        { provider: 'c' },
      ],
    });
    expect(resolveLeaves(nested).map((l) => l.path)).toEqual(['config.targets[0].targets[0]', 'config.targets[0].targets[1]', 'config.targets[1]']);
  });

  it('merges override_params root → leaf, child keys winning', () => {
    const [leaf] = resolveLeaves(
      config({
        override_params: { model: 'root', temperature: 0.1, top_p: 1 },
        strategy: { mode: 'fallback' },
        targets: [
          {
            override_params: { model: 'mid', max_tokens: 10 },
            strategy: { mode: 'fallback' },
            targets: [{ provider: 'openai', override_params: { model: 'leaf' } }],
          },
        ],
      }),
    );
    expect(leaf.overrideParams).toEqual({ model: 'leaf', temperature: 0.1, top_p: 1, max_tokens: 10 });
  });

  it('replaces retry and cache whole (no field-by-field merge) and applies retry defaults', () => {
    const leaves = resolveLeaves(
      config({
        retry: { attempts: 3, on_status_codes: [429], use_retry_after_header: true },
        cache: { mode: 'semantic', max_age: 60 },
        strategy: { mode: 'fallback' },
        targets: [{ provider: 'a' }, { provider: 'b', retry: { attempts: 1 }, cache: { mode: 'simple' } }],
      }),
    );
    expect(leaves[0].retry).toEqual({ attempts: 3, onStatusCodes: [429], useRetryAfterHeader: true });
    expect(leaves[0].cache).toEqual({ mode: 'semantic', maxAge: 60 });
    expect(leaves[1].retry).toEqual({ attempts: 1, onStatusCodes: [429, 500, 502, 503, 504], useRetryAfterHeader: false });
    expect(leaves[1].cache).toEqual({ mode: 'simple' });
  });

  it('passes timeout, custom host, forwarded headers and strict compliance down when the child is silent', () => {
    const leaves = resolveLeaves(
      config({
        request_timeout: 1000,
        custom_host: 'https://proxy.example.com/v1',
        forward_headers: ['x-user'],
        strict_open_ai_compliance: false,
        strategy: { mode: 'fallback' },
        targets: [
          { provider: 'a' },
          { provider: 'b', request_timeout: 50, custom_host: 'http://other:8080', forward_headers: [], strict_open_ai_compliance: true },
        ],
      }),
    );
    expect(leaves[0]).toMatchObject({
      requestTimeout: 1000,
      customHost: 'https://proxy.example.com/v1',
      forwardHeaders: ['x-user'],
      strictOpenAiCompliance: false,
    });
    expect(leaves[1]).toMatchObject({ requestTimeout: 50, customHost: 'http://other:8080', forwardHeaders: [], strictOpenAiCompliance: true });
  });

  it('never passes provider or credentials down', () => {
    const [leaf] = resolveLeaves(
      config({
        provider: 'openai',
        api_key: 'root-key',
        aws_secret_access_key: 'root-secret',
        strategy: { mode: 'single' },
        targets: [{ virtual_key: 'vk' }],
      }),
    );
    expect(leaf.node).toEqual({ virtualKey: 'vk' });
  });

  it('takes the child hook group when it has any, else the parent group', () => {
    const leaves = resolveLeaves(
      config({
        before_request_hooks: [{ id: 'root-before' }],
        output_guardrails: ['root-out'],
        strategy: { mode: 'fallback' },
        targets: [{ provider: 'a' }, { provider: 'b', input_guardrails: ['child-in'] }],
      }),
    );
    expect(leaves[0]).toMatchObject({ beforeRequestHooks: [{ id: 'root-before' }], outputGuardrails: ['root-out'] });
    // The child's input guardrails replace the whole before-request group; the after group is inherited.
    expect(leaves[1].beforeRequestHooks).toBeUndefined();
    expect(leaves[1]).toMatchObject({ inputGuardrails: ['child-in'], outputGuardrails: ['root-out'] });
  });

  it('only reaches targets[0] of a single strategy', () => {
    const leaves = resolveLeaves(config({ strategy: { mode: 'single' }, targets: [{ provider: 'a' }, { provider: 'b' }] }));
    expect(leaves.map((l) => l.path)).toEqual(['config.targets[0]']);
  });

  it('shares frozen leaves between requests', () => {
    const plan = compileConfig(config({ provider: 'openai', override_params: { a: 1 } }));
    expect(Object.isFrozen(plan.leaves[0])).toBe(true);
    expect(Object.isFrozen(plan.leaves[0].overrideParams)).toBe(true);
  });

  it('compiles a config object once', () => {
    const cfg = config({ provider: 'openai' });
    expect(resolveLeaves(cfg)[0]).toBe(resolveLeaves(cfg)[0]);
  });
});
