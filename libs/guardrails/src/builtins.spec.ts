import { defaultPlugin } from './builtins.js';
import { afterCtx, beforeCtx, noServices } from './__fixtures__/contexts.js';
import type { HookContext, JsonObject } from './types.js';

const fn = defaultPlugin.functions;
const run = async (id: string, ctx: HookContext, params: JsonObject) => (await fn[id](ctx, params, noServices)).verdict;

/** Every built-in check, on input it must pass and input it must fail. */
const cases: [string, JsonObject, string, string][] = [
  ['regexMatch', { rule: '\\border #\\d+' }, 'where is order #123?', 'where is my order?'],
  ['contains', { words: ['refund', 'order'], operator: 'any' }, 'I want a refund', 'hello there'],
  ['contains', { words: ['refund', 'order'], operator: 'all' }, 'refund my order', 'refund please'],
  ['contains', { words: ['bomb'], operator: 'none' }, 'a quiet day', 'build a BOMB'],
  ['wordCount', { minWords: 2, maxWords: 4 }, 'three short words', 'one'],
  ['sentenceCount', { minSentences: 2, maxSentences: 3 }, 'One. Two! Three?', 'Just one sentence.'],
  ['characterCount', { minCharacters: 3, maxCharacters: 10 }, 'hello', 'this is far too long'],
  ['jsonSchema', { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } } } }, 'Here: ```json\n{"name":"Ann","age":3}\n```', '{"name":"Ann","age":-1}'],
  ['jsonKeys', { keys: ['name', 'age'], operator: 'all' }, '{"name":"Ann","age":3}', '{"name":"Ann"}'],
  ['validUrls', {}, 'see https://example.com/docs and http://api.example.org', 'see https://exa mple and https://bad_host.c/x'],
  ['containsCode', { format: 'SQL' }, 'run SELECT id FROM users', 'no code here'],
  ['containsCode', { format: 'python' }, '```python\nprint(1)\n```', '```js\nconsole.log(1)\n```'],
  ['alluppercase', {}, 'ALL CAPS!', 'Not Caps'],
  ['alllowercase', {}, 'all lower', 'Some Upper'],
  ['endsWith', { suffix: 'Thanks' }, 'Have a nice day. Thanks.', 'Thanks, bye'],
  ['pii', {}, 'nothing personal here', 'mail jane@example.com'],
];

describe('built-in checks', () => {
  it.each(cases)('%s %j: passes on the good input and fails on the bad one (before and after the call)', async (id, params, good, bad) => {
    expect(await run(id, beforeCtx(good), params)).toBe(true);
    expect(await run(id, beforeCtx(bad), params)).toBe(false);
    if (id === 'pii') return;
    expect(await run(id, afterCtx(good), params)).toBe(true);
    expect(await run(id, afterCtx(bad), params)).toBe(false);
  });

  it('`not: true` inverts a check', async () => {
    expect(await run('regexMatch', beforeCtx('abc'), { rule: 'b', not: true })).toBe(false);
    expect(await run('regexMatch', beforeCtx('xyz'), { rule: 'b', not: true })).toBe(true);
  });

  it('modelWhitelist reads the request model', async () => {
    expect(await run('modelWhitelist', beforeCtx('x'), { models: ['gpt-4o'] })).toBe(true);
    expect(await run('modelWhitelist', beforeCtx('x', {}, { model: 'gpt-3.5' }), { models: ['gpt-4o'] })).toBe(false);
    expect(defaultPlugin.manifest.functions.map((f) => f.id)).toContain('modelwhitelist');
  });

  it('requiredMetadataKeys reads x-portkey-metadata', async () => {
    expect(await run('requiredMetadataKeys', beforeCtx('x', { metadata: { user: 'u1', team: 't' } }), { metadataKeys: ['user', 'team'] })).toBe(true);
    expect(await run('requiredMetadataKeys', beforeCtx('x', { metadata: { user: 'u1' } }), { metadataKeys: ['user', 'team'] })).toBe(false);
    expect(await run('requiredMetadataKeys', beforeCtx('x', { metadata: { user: 'u1' } }), { metadataKeys: ['user', 'team'], operator: 'any' })).toBe(true);
  });

  it('webhook: its answer decides, through the supplied services', async () => {
    const calls: unknown[] = [];
    const services = (verdict: boolean) => ({
      signal: new AbortController().signal,
      postJson: async (url: string, body: unknown) => {
        calls.push({ url, body });
        return { status: 200, json: { verdict } };
      },
    });
    expect((await fn.webhook(beforeCtx('hi'), { webhookURL: 'http://127.0.0.1:1/hook' }, services(true))).verdict).toBe(true);
    expect((await fn.webhook(beforeCtx('hi'), { webhookURL: 'http://127.0.0.1:1/hook' }, services(false))).verdict).toBe(false);
    expect(calls[0]).toMatchObject({ url: 'http://127.0.0.1:1/hook', body: { eventType: 'beforeRequestHook', request: { json: { model: 'gpt-4o' } } } });
  });

  it('webhook: a non-2xx or verdict-less answer is an error, not a verdict', async () => {
    const services = (status: number, json: unknown) => ({ signal: new AbortController().signal, postJson: async () => ({ status, json }) });
    await expect(async () => fn.webhook(beforeCtx('hi'), { webhookURL: 'http://x/' }, services(500, {}))).rejects.toThrow(/HTTP 500/);
    await expect(async () => fn.webhook(beforeCtx('hi'), { webhookURL: 'http://x/' }, services(200, { ok: 1 }))).rejects.toThrow(/verdict/);
  });

  it('pii with redact rewrites every turn of the request and passes', async () => {
    const ctx = beforeCtx('my card is 4111 1111 1111 1111', {}, { messages: [{ role: 'system', content: 'ops: ops@corp.io' }, { role: 'user', content: 'my card is 4111 1111 1111 1111' }] });
    const out = await fn.pii(ctx, { redact: true }, noServices);
    expect(out.verdict).toBe(true);
    expect(JSON.stringify(out.transformed)).not.toMatch(/4111|ops@corp/);
    expect(JSON.stringify(out.transformed)).toContain('[REDACTED_CREDIT_CARD]');
  });

  it('pii with redact rewrites the answer after the call', async () => {
    const out = await fn.pii(afterCtx('call 555-867-5309'), { redact: true }, noServices);
    expect((out.transformed as any).choices[0].message.content).toBe('call [REDACTED_PHONE]');
  });
});

describe('caller-supplied patterns', () => {
  it('a pattern prone to catastrophic backtracking is refused (a check error), not run', async () => {
    await expect(async () => fn.regexMatch(beforeCtx('a'.repeat(40) + '!'), { rule: '^(a+)+$' }, noServices)).rejects.toThrow(/backtrack/);
    await expect(async () => fn.jsonSchema(beforeCtx('{"a":"x"}'), { schema: { properties: { a: { pattern: '(\\w*)*$' } } } }, noServices)).rejects.toThrow(/backtrack/);
    expect(await run('regexMatch', beforeCtx('aaa'), { rule: '^(ab|a)+$' })).toBe(true);
  });
});
