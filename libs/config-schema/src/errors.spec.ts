import { MAX_NODES, MAX_TREE_DEPTH, parseConfig, parseConfigHeader } from './index.js';

/** The error strings for a config, in the reference's format. */
function errorsOf(config: unknown): string[] {
  const result = parseConfig(config);
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(config)}`);
  expect(result.message).toBe('Invalid config passed');
  return result.errors;
}

const leaf = { provider: 'openai', api_key: 'k' };
const named = (name: string) => ({ ...leaf, name });

describe('error messages (path: <comma-joined path>, message: <text>)', () => {
  it.each([
    [
      'unknown strategy mode',
      { strategy: { mode: 'roundrobin' }, targets: [leaf] },
      "path: strategy,mode, message: Invalid 'mode' value. Must be one of: single, loadbalance, fallback, conditional",
    ],
    [
      'missing strategy mode',
      { strategy: {}, targets: [leaf] },
      "path: strategy,mode, message: Invalid 'mode' value. Must be one of: single, loadbalance, fallback, conditional",
    ],
    [
      'nested unknown mode',
      { strategy: { mode: 'fallback' }, targets: [{ strategy: { mode: 'x' }, targets: [leaf] }] },
      "path: targets,0,strategy,mode, message: Invalid 'mode' value. Must be one of: single, loadbalance, fallback, conditional",
    ],
    ['cache mode', { cache: { mode: 'fast' } }, "path: cache,mode, message: Invalid 'cache.mode' value. Must be one of: simple, semantic"],
    ['cache max_age', { cache: { mode: 'simple', max_age: -1 } }, "path: cache,max_age, message: 'cache.max_age' must be a number >= 0"],
    ['retry without attempts', { retry: {} }, "path: retry,attempts, message: 'retry.attempts' must be defined"],
    [
      'more than 5 retries',
      { retry: { attempts: 6 } },
      "path: retry,attempts, message: 'retry.attempts' must be an integer from 0 to 5 (the maximum is 5 retries)",
    ],
    [
      'negative retries',
      { retry: { attempts: -1 } },
      "path: retry,attempts, message: 'retry.attempts' must be an integer from 0 to 5 (the maximum is 5 retries)",
    ],
    [
      'fractional retries',
      { retry: { attempts: 1.5 } },
      "path: retry,attempts, message: 'retry.attempts' must be an integer from 0 to 5 (the maximum is 5 retries)",
    ],
    [
      'retry status code out of range',
      { retry: { attempts: 1, on_status_codes: [429, 600] } },
      'path: retry,on_status_codes,1, message: Status codes must be integers between 100 and 599',
    ],
    [
      'retry use_retry_after_header not boolean',
      { retry: { attempts: 1, use_retry_after_header: 'yes' } },
      "path: retry,use_retry_after_header, message: 'use_retry_after_header' must be true or false",
    ],
    ['retry not an object', { retry: 3 }, 'path: retry, message: \'retry\' must be an object such as {"attempts": 3}'],
    [
      'fallback status codes not integers',
      { strategy: { mode: 'fallback', on_status_codes: ['429'] }, targets: [leaf] },
      'path: strategy,on_status_codes,0, message: Status codes must be integers between 100 and 599',
    ],
    [
      'request_timeout zero',
      { request_timeout: 0 },
      "path: request_timeout, message: 'request_timeout' must be a positive integer (milliseconds)",
    ],
    [
      'request_timeout string',
      { request_timeout: '100' },
      "path: request_timeout, message: 'request_timeout' must be a positive integer (milliseconds)",
    ],
    [
      'negative weight',
      { strategy: { mode: 'loadbalance' }, targets: [leaf, { ...leaf, weight: -1 }] },
      "path: targets,1,weight, message: 'weight' must be a number >= 0",
    ],
    ['custom_host not http(s)', { provider: 'openai', custom_host: 'file:///etc/passwd' }, "path: custom_host, message: 'custom_host' must be an http(s) URL"],
    ['custom_host not a URL', { provider: 'openai', custom_host: 'localhost:8080' }, "path: custom_host, message: 'custom_host' must be an http(s) URL"],
    [
      'forward_headers forwarding itself',
      { provider: 'openai', forward_headers: ['x-a', 'X-Portkey-Forward-Headers'] },
      "path: forward_headers, message: 'forward_headers' must not contain 'x-portkey-forward-headers'",
    ],
    [
      'forward_headers not strings',
      { provider: 'openai', forward_headers: [1] },
      "path: forward_headers,0, message: 'forward_headers' must be an array of header names",
    ],
    [
      'strict_open_ai_compliance not boolean',
      { provider: 'openai', strict_open_ai_compliance: 'false' },
      "path: strict_open_ai_compliance, message: 'strict_open_ai_compliance' must be true or false",
    ],
    ['override_params not an object', { provider: 'openai', override_params: [1] }, "path: override_params, message: 'override_params' must be an object"],
    ['provider not a string', { provider: 1 }, "path: provider, message: 'provider' must be a string"],
    ['empty provider', { provider: '' }, "path: provider, message: 'provider' must not be empty"],
    ['api_key not a string', { provider: 'openai', api_key: 1 }, "path: api_key, message: 'api_key' must be a string"],
    ['hooks not an array', { provider: 'openai', input_guardrails: 'pg-1' }, "path: input_guardrails, message: 'input_guardrails' must be an array"],
    ['strategy without targets', { strategy: { mode: 'fallback' } }, "path: targets, message: 'targets' must be a non-empty array when 'strategy' is set"],
    [
      'strategy with empty targets',
      { strategy: { mode: 'fallback' }, targets: [] },
      "path: targets, message: 'targets' must be a non-empty array when 'strategy' is set",
    ],
    ['targets without strategy', { targets: [leaf] }, "path: strategy, message: 'strategy' is required when 'targets' is set"],
    ['targets not an array', { strategy: { mode: 'fallback' }, targets: leaf }, "path: targets, message: 'targets' must be an array of targets"],
    ['a target that is not an object', { strategy: { mode: 'fallback' }, targets: [leaf, 'openai'] }, 'path: targets,1, message: A target must be an object'],
    [
      'nested leaf without provider',
      { strategy: { mode: 'fallback' }, targets: [leaf, { api_key: 'k' }] },
      "path: targets,1, message: A target needs 'provider' or 'virtual_key' (only the root config may take its provider from the x-portkey-provider header)",
    ],
    [
      'loadbalance with only zero weights',
      { strategy: { mode: 'loadbalance' }, targets: [{ ...leaf, weight: 0 }] },
      "path: targets, message: Mode 'loadbalance' needs at least one target with a weight above 0",
    ],
    [
      'conditional without conditions',
      { strategy: { mode: 'conditional', default: 'a' }, targets: [named('a')] },
      "path: strategy,conditions, message: 'conditions' is required for mode 'conditional'",
    ],
    [
      'conditional with nothing to route by',
      { strategy: { mode: 'conditional', conditions: [] }, targets: [named('a')] },
      "path: strategy,conditions, message: Mode 'conditional' needs at least one condition or a 'default'",
    ],
    [
      'then naming no target',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.a': 1 }, then: 'b' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,then, message: No target is named 'b'. Target names: a",
    ],
    [
      'default naming no target',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.a': 1 }, then: 'a' }], default: 'zz' }, targets: [named('a')] },
      "path: strategy,default, message: No target is named 'zz'. Target names: a",
    ],
    [
      'then without any named target',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.a': 1 }, then: 'a' }] }, targets: [leaf] },
      'path: strategy,conditions,0,then, message: No target is named \'a\'. Target names: none (give targets a "name")',
    ],
    [
      'condition without then',
      { strategy: { mode: 'conditional', conditions: [{ query: {} }] }, targets: [named('a')] },
      "path: strategy,conditions,0,then, message: 'then' must name a target",
    ],
    [
      'unknown query operator',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.a': { $like: 'x' } }, then: 'a' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,query,metadata.a,$like, message: Unsupported operator '$like'. Must be one of: $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $regex, $length",
    ],
    [
      'unknown top-level query operator',
      { strategy: { mode: 'conditional', conditions: [{ query: { $not: {} }, then: 'a' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,query,$not, message: Unsupported operator '$not' here: use '$and', '$or' or a key such as 'metadata.user_plan'",
    ],
    [
      'query key outside metadata/params/url',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'headers.x': 1 }, then: 'a' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,query,headers.x, message: Query key 'headers.x' must look like 'metadata.<key>', 'params.<key>' or 'url.pathname'",
    ],
    [
      '$in without an array',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'params.model': { $in: 'gpt-4' } }, then: 'a' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,query,params.model,$in, message: '$in' takes an array",
    ],
    [
      '$gt without a number',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.n': { $gt: 'many' } }, then: 'a' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,query,metadata.n,$gt, message: '$gt' takes a number",
    ],
    [
      'invalid $regex',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'params.model': { $regex: '(' } }, then: 'a' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,query,params.model,$regex, message: '$regex' is not a valid regular expression: (",
    ],
    [
      '$or without an array',
      { strategy: { mode: 'conditional', conditions: [{ query: { $or: { 'metadata.a': 1 } }, then: 'a' }] }, targets: [named('a')] },
      "path: strategy,conditions,0,query,$or, message: '$or' takes a non-empty array of queries",
    ],
    [
      'nested query errors carry their path',
      {
        strategy: { mode: 'conditional', conditions: [{ query: { $and: [{ 'metadata.a': 1 }, { 'metadata.b': { $bad: 1 } }] }, then: 'a' }] },
        targets: [named('a')],
      },
      "path: strategy,conditions,0,query,$and,1,metadata.b,$bad, message: Unsupported operator '$bad'. Must be one of: $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $regex, $length",
    ],
    [
      'array as a query value',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.a': [1] }, then: 'a' }] }, targets: [named('a')] },
      'path: strategy,conditions,0,query,metadata.a, message: A query value must be a plain value or an operator object such as {"$in": [...]}',
    ],
    [
      'sticky_key outside loadbalance',
      { strategy: { mode: 'fallback', sticky_key: 'metadata.user_id' }, targets: [leaf] },
      "path: strategy,sticky_key, message: 'sticky_key' is only supported with mode 'loadbalance'",
    ],
    [
      'sticky_key not a context path',
      { strategy: { mode: 'loadbalance', sticky_key: 'user_id' }, targets: [leaf] },
      "path: strategy,sticky_key, message: 'sticky_key' must look like 'metadata.<key>' or 'params.<key>'",
    ],
    [
      'an empty config',
      {},
      "path: , message: Invalid configuration. It must have either 'provider', or 'strategy' and 'targets', or options such as 'retry', 'cache', 'request_timeout' or 'override_params'",
    ],
    ['a config that is not an object', [leaf], 'path: , message: A config must be a JSON object'],
  ])('%s', (_name, config, expected) => {
    expect(errorsOf(config)).toContain(expected);
  });

  it('names snake_case paths even for camelCase input', () => {
    expect(errorsOf({ provider: 'openai', retry: { attempts: 1, onStatusCodes: [1] } })).toEqual([
      'path: retry,on_status_codes,0, message: Status codes must be integers between 100 and 599',
    ]);
  });

  it('reports every independent problem of a config', () => {
    const errors = errorsOf({
      strategy: { mode: 'fallback' },
      targets: [{ provider: 'openai', weight: -2 }, { provider: 'groq', request_timeout: -5 }],
    });
    expect(errors).toEqual([
      "path: targets,0,weight, message: 'weight' must be a number >= 0",
      "path: targets,1,request_timeout, message: 'request_timeout' must be a positive integer (milliseconds)",
    ]);
  });

  it('gives structured issues alongside the strings', () => {
    const result = parseConfigHeader('{"strategy":{"mode":"x"},"targets":[{"provider":"openai"}]}');
    expect(result).toEqual({
      ok: false,
      message: 'Invalid config passed',
      errors: ["path: strategy,mode, message: Invalid 'mode' value. Must be one of: single, loadbalance, fallback, conditional"],
      issues: [{ path: ['strategy', 'mode'], message: "Invalid 'mode' value. Must be one of: single, loadbalance, fallback, conditional" }],
    });
  });
});

describe('size and depth limits', () => {
  function nested(depth: number): Record<string, unknown> {
    let node: Record<string, unknown> = { provider: 'openai' };
    for (let i = 0; i < depth; i++) node = { strategy: { mode: 'single' }, targets: [node] };
    return node;
  }

  it(`accepts targets nested ${MAX_TREE_DEPTH} deep`, () => {
    expect(parseConfig(nested(MAX_TREE_DEPTH)).ok).toBe(true);
  });

  it(`rejects targets nested deeper than ${MAX_TREE_DEPTH}, naming where`, () => {
    const [error] = errorsOf(nested(MAX_TREE_DEPTH + 1));
    expect(error).toBe(
      `path: ${Array(MAX_TREE_DEPTH + 1).fill('targets,0').join(',')}, message: Config is nested too deeply: targets may nest at most ${MAX_TREE_DEPTH} levels`,
    );
  });

  it(`rejects more than ${MAX_NODES} nodes`, () => {
    const config = { strategy: { mode: 'loadbalance' }, targets: Array.from({ length: MAX_NODES }, () => leaf) };
    expect(errorsOf(config)).toEqual([`path: , message: Config is too large: more than ${MAX_NODES} targets in total`]);
    const fits = { strategy: { mode: 'loadbalance' }, targets: Array.from({ length: MAX_NODES - 1 }, () => leaf) };
    expect(parseConfig(fits).ok).toBe(true);
  });

  it('rejects a query nested too deeply', () => {
    let query: Record<string, unknown> = { 'metadata.a': 1 };
    for (let i = 0; i < 40; i++) query = { $and: [query] };
    const [error] = errorsOf({ strategy: { mode: 'conditional', conditions: [{ query, then: 'a' }] }, targets: [named('a')] });
    expect(error).toBe('path: strategy,conditions,0,query, message: Query is nested too deeply: at most 32 levels');
  });
});
