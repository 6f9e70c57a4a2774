/**
 * The validator faces untrusted header text on every request with a new config: no input may
 * crash it, and none may make it slow. "Fast" is asserted structurally (iterative bounds, see
 * limits.ts) and by jest's own per-test timeout, never by timing assertions.
 */
import fc from 'fast-check';
import { parseConfig, parseConfigHeader, type ConfigParseResult } from './index.js';

function wellFormed(result: ConfigParseResult): boolean {
  if (result.ok) return typeof result.config === 'object' && result.config !== null;
  return typeof result.message === 'string' && Array.isArray(result.errors) && result.errors.every((e) => typeof e === 'string');
}

/** Config-shaped values: the fuzzer reaches the schema's deep branches, not only "not an object". */
const configLike = fc.letrec((tie) => ({
  node: fc.record(
    {
      provider: fc.oneof(fc.constantFrom('openai', 'anthropic', ''), fc.anything()),
      api_key: fc.oneof(fc.string(), fc.anything()),
      weight: fc.oneof(fc.double(), fc.integer(), fc.anything()),
      name: fc.constantFrom('a', 'b', 'c'),
      retry: fc.record({ attempts: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.anything()), on_status_codes: fc.anything() }, { requiredKeys: [] }),
      request_timeout: fc.oneof(fc.integer(), fc.anything()),
      custom_host: fc.oneof(fc.webUrl(), fc.string()),
      override_params: fc.anything(),
      strategy: fc.record(
        {
          mode: fc.oneof(fc.constantFrom('single', 'fallback', 'loadbalance', 'conditional'), fc.anything()),
          on_status_codes: fc.anything(),
          conditions: fc.array(
            fc.record({ query: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('metadata.a', '$or', '$and', 'params.model', 'x'), fc.jsonValue())), then: fc.constantFrom('a', 'b', 'zz') }),
          ),
          default: fc.constantFrom('a', 'b', 'zz'),
          sticky_key: fc.oneof(fc.constantFrom('metadata.user_id', 'params.user'), fc.string()),
        },
        { requiredKeys: [] },
      ),
      targets: fc.oneof({ depthSize: 'small' }, fc.array(tie('node'), { maxLength: 4 }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
})).node;

/** Configs the schema must accept: every mode, nested, with inherited settings. */
const leafArb = fc.record(
  {
    provider: fc.constantFrom('openai', 'anthropic', 'azure-openai'),
    api_key: fc.string(),
    weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
    override_params: fc.dictionary(fc.string(), fc.jsonValue()),
    retry: fc.record({ attempts: fc.integer({ min: 0, max: 5 }), on_status_codes: fc.subarray([429, 500, 502, 503, 504]) }, { requiredKeys: ['attempts'] }),
    request_timeout: fc.integer({ min: 1, max: 600_000 }),
    custom_host: fc.webUrl({ validSchemes: ['http', 'https'] }),
  },
  { requiredKeys: ['provider'] },
);
const validConfig = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArb, tie('strategy')),
  strategy: fc
    .tuple(fc.constantFrom('single', 'fallback', 'loadbalance', 'conditional'), fc.array(tie('node'), { minLength: 1, maxLength: 4 }))
    .map(([mode, children]) => {
      const targets = (children as Array<Record<string, unknown>>).map((t, i) => ({ ...t, name: `t${i}` }));
      const strategy: Record<string, unknown> = { mode };
      if (mode === 'conditional') {
        strategy.conditions = targets.map((_, i) => ({ query: { 'metadata.n': { $gte: i } }, then: `t${i}` }));
        strategy.default = 't0';
      }
      return { strategy, targets };
    }),
})).node;

describe('fuzzing the validator', () => {
  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(wellFormed(parseConfig(value))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary JavaScript values (saved configs may come from anywhere)', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true }), (value) => {
        expect(wellFormed(parseConfig(value))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on config-shaped values', () => {
    fc.assert(
      fc.property(configLike, (value) => {
        expect(wellFormed(parseConfig(value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings, or on JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.json()), (text) => {
        expect(wellFormed(parseConfigHeader(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts every valid config it is given, and a parsed config re-parses to itself', () => {
    fc.assert(
      fc.property(validConfig, (value) => {
        const first = parseConfig(value);
        if (!first.ok) throw new Error(first.errors.join(' | '));
        expect(parseConfig(first.config)).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});

describe('hostile nesting (built iteratively: 10,000 levels)', () => {
  const DEPTH = 10_000;

  it('answers an error for targets nested 10,000 deep, as text and as a value', () => {
    let node: Record<string, unknown> = { provider: 'openai' };
    for (let i = 0; i < DEPTH; i++) node = { strategy: { mode: 'fallback' }, targets: [node] };
    const text = '{"strategy":{"mode":"fallback"},"targets":['.repeat(DEPTH) + '{"provider":"openai"}' + ']}'.repeat(DEPTH);
    for (const result of [parseConfig(node), parseConfigHeader(text)]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatch(/nested too deeply/);
    }
  });

  it('answers an error for a query nested 10,000 deep', () => {
    let query: Record<string, unknown> = { 'metadata.a': 1 };
    for (let i = 0; i < DEPTH; i++) query = { $or: [query] };
    const result = parseConfig({ strategy: { mode: 'conditional', conditions: [{ query, then: 'a' }] }, targets: [{ provider: 'x', name: 'a' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/Query is nested too deeply/);
  });

  it('keeps deep override_params verbatim without walking them', () => {
    let params: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < DEPTH; i++) params = { nested: params };
    const result = parseConfig({ provider: 'openai', override_params: params });
    expect(result.ok && result.config.overrideParams).toBe(params);
  });

  it('answers an error for a 10,000-deep array and for deep JSON text of any shape', () => {
    let value: unknown = 1;
    for (let i = 0; i < DEPTH; i++) value = [value];
    expect(parseConfig(value).ok).toBe(false);
    expect(parseConfigHeader('['.repeat(DEPTH) + ']'.repeat(DEPTH)).ok).toBe(false);
    expect(parseConfigHeader('{"retry":' + '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH) + '}').ok).toBe(false);
  });
});
