/**
 * Guardrails end to end, through the gateway and the mock provider: 446 and 246 answers with
 * hook_results, after-request verdicts, PII redaction of the request (the mock records what it
 * received) and of the answer (JSON and streamed, with a match split across chunks), plug-ins
 * loaded from the example folder, a webhook on 127.0.0.1, checks that throw or time out, the
 * egress policy on webhook URLs, and the request log.
 */
import { fileURLToPath } from 'node:url';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type FakeControlPlane, fakeControlPlane } from '../support/fake-control-plane.js';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { call, chat, sseData } from '../cache/support.js';
import { type WebhookServer, startWebhook, throwingPluginDir } from './support.js';

const EXAMPLE_PLUGIN = fileURLToPath(new URL('../../../../plugins/guardrails/banned-topics', import.meta.url));
const HOOKS_FAILED = 'The guardrail checks defined in the config failed. You can find more information in the `hook_results` object.';

let mock: MockProvider;
let gateway: RunningGateway;
let controlPlane: FakeControlPlane;
let webhook: WebhookServer;
let webhookVerdict = true;
let webhookDelayMs = 0;
let webhookStatus = 200;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  webhook = await startWebhook(() => ({ status: webhookStatus, json: { verdict: webhookVerdict }, delayMs: webhookDelayMs }));
  controlPlane = fakeControlPlane();
  gateway = await startGateway({ cacheRedisUrl: undefined, guardrailPlugins: [EXAMPLE_PLUGIN, throwingPluginDir()] }, controlPlane.module);
});
afterAll(async () => {
  await gateway?.close();
  await webhook?.close();
  await mock?.close();
});
beforeEach(() => {
  mock.reset();
  webhook.received.length = 0;
  webhookVerdict = true;
  webhookDelayMs = 0;
  webhookStatus = 200;
});

const target = (model: string, hooks: Record<string, unknown> = {}) => ({ provider: 'openai', api_key: 'sk-test', custom_host: `${mock.url}/v1`, override_params: { model }, ...hooks });
const send = (config: unknown, body: Record<string, unknown>, path = '/v1/chat/completions', headers?: Record<string, string>) => call(gateway.url, path, config, body, headers);
const streamedText = (text: string) =>
  sseData(text)
    .filter((d) => d !== '[DONE]')
    .map((d) => JSON.parse(d).choices?.[0]?.delta?.content ?? '')
    .join('');

describe('verdicts', () => {
  const noForbidden = { 'default.contains': { words: ['forbidden'], operator: 'none' } };

  it('a failed deny guardrail answers 446 in the error format with hook_results, and never calls the provider', async () => {
    const res = await send(target('m-deny', { input_guardrails: [{ ...noForbidden, deny: true }] }), chat('this is forbidden'));
    expect(res.status).toBe(446);
    expect(res.json.error).toEqual({ message: HOOKS_FAILED, type: 'hooks_failed', param: null, code: null });
    expect(res.json.hook_results.before_request_hooks[0]).toMatchObject({ verdict: false, deny: true, checks: [{ id: 'default.contains', verdict: false }] });
    expect(res.json.hook_results.after_request_hooks).toEqual([]);
    expect(mock.count('m-deny')).toBe(0);
  });

  it('a failed guardrail without deny answers 246: the normal body plus hook_results', async () => {
    const res = await send(target('m-soft', { input_guardrails: [noForbidden] }), chat('this is forbidden'));
    expect(res.status).toBe(246);
    expect(res.json.choices[0].message.content).toContain('this is forbidden');
    expect(res.json.hook_results.before_request_hooks[0].verdict).toBe(false);
    expect(mock.count('m-soft')).toBe(1);
  });

  it('passing hooks answer 200 with hook_results; no hooks, no hook_results', async () => {
    const res = await send(target('m-pass', { before_request_hooks: [{ id: 'len', type: 'guardrail', checks: [{ id: 'default.wordCount', parameters: { maxWords: 50 } }] }] }), chat('short and sweet'));
    expect(res.status).toBe(200);
    expect(res.json.hook_results.before_request_hooks[0]).toMatchObject({ id: 'len', verdict: true });
    const plain = await send(target('m-pass'), chat('short and sweet'));
    expect(plain.status).toBe(200);
    expect(plain.json.hook_results).toBeUndefined();
  });

  it('after-request hooks judge the answer: 446 with deny, 246 without, with on_fail feedback', async () => {
    const tooLong = { 'default.wordCount': { maxWords: 3 }, on_fail: { feedback: { value: -5, weight: 1 } } };
    const denied = await send(target('m-out', { output_guardrails: [{ ...tooLong, deny: true }] }), chat('a b c d e'));
    expect(denied.status).toBe(446);
    expect(denied.json.hook_results.after_request_hooks[0]).toMatchObject({ verdict: false, feedback: { value: -5, weight: 1, metadata: { failedChecks: 'default.wordCount' } } });
    const soft = await send(target('m-out', { output_guardrails: [tooLong] }), chat('a b c d e'));
    expect(soft.status).toBe(246);
    expect(soft.json.choices[0].message.content).toContain('a b c d e');
  });

  it('hooks are inherited: a child without hooks uses its parent\'s, a child with hooks only its own', async () => {
    const config = {
      strategy: { mode: 'fallback' },
      input_guardrails: [{ ...noForbidden, deny: true }],
      targets: [target('m-inherit-child', { input_guardrails: [{ 'default.wordCount': { maxWords: 100 } }] })],
    };
    expect((await send(config, chat('forbidden here'))).status).toBe(200);
    const inherited = { ...config, targets: [target('m-inherit-parent')] };
    expect((await send(inherited, chat('forbidden here'))).status).toBe(446);
  });

  it("a fallback target is judged by its own hooks, not by the failed target's", async () => {
    const config = {
      strategy: { mode: 'fallback' },
      targets: [
        // Unreachable: its before-request hooks run, then the call fails and fallback moves on.
        { ...target('m-fb-first', { output_guardrails: [{ 'default.wordCount': { maxWords: 1 }, deny: true }], input_guardrails: [noForbidden] }), custom_host: 'http://127.0.0.1:1/v1' },
        target('m-fb-second'),
      ],
    };
    const res = await send(config, chat('several forbidden words'));
    expect(res.status).toBe(200);
    expect(res.json.hook_results).toBeUndefined();
    expect(mock.count('m-fb-second')).toBe(1);
  });

  it('a streamed request with a failed non-deny input guardrail is a 246 stream', async () => {
    const res = await send(target('m-stream-246', { input_guardrails: [noForbidden] }), chat('forbidden stream', { stream: true }));
    expect(res.status).toBe(246);
    expect(sseData(res.text).at(-1)).toBe('[DONE]');
  });

  it('with strict_open_ai_compliance off, a stream starts with the before-request hook_results event (as the reference)', async () => {
    const hooks = { input_guardrails: [noForbidden] };
    const lenient = await send({ ...target('m-stream-hooks', hooks), strict_open_ai_compliance: false }, chat('fine stream', { stream: true }));
    expect(JSON.parse(sseData(lenient.text)[0])).toMatchObject({ hook_results: { before_request_hooks: [{ verdict: true }] } });
    expect(streamedText(lenient.text)).toContain('fine stream');
    const strict = await send(target('m-stream-hooks', hooks), chat('fine stream', { stream: true }));
    expect(sseData(strict.text)[0]).not.toContain('hook_results');
  });

  it('guardrails run on embeddings before the request only', async () => {
    const body = { model: 'e', input: 'forbidden words' };
    const res = await send(target('m-embed', { input_guardrails: [{ ...noForbidden, deny: true }], output_guardrails: [{ 'default.wordCount': { maxWords: 0 }, deny: true }] }), body, '/v1/embeddings');
    expect(res.status).toBe(446);
    const ok = await send(target('m-embed', { output_guardrails: [{ 'default.wordCount': { maxWords: 0 }, deny: true }] }), { model: 'e', input: 'fine' }, '/v1/embeddings');
    expect(ok.status).toBe(200);
  });

  it('the request log keeps hook_results', async () => {
    controlPlane.logs.length = 0;
    await send(target('m-log', { input_guardrails: [noForbidden] }), chat('forbidden log'), '/v1/chat/completions', { 'x-portkey-api-key': 'any' });
    const entry = controlPlane.logs.find((l) => l.model === 'm-log');
    expect(entry?.status).toBe(246);
    expect((entry?.hookResults as any).before_request_hooks[0].checks[0]).toMatchObject({ id: 'default.contains', verdict: false });
  });
});

describe('other endpoints', () => {
  const deny = { input_guardrails: [{ 'default.contains': { words: ['bad'], operator: 'none' }, deny: true }] };
  const redactOut = { output_guardrails: [{ 'default.pii': { redact: true } }] };
  const anthropic = (hooks: Record<string, unknown>) => ({ provider: 'anthropic', api_key: 'k', custom_host: mock.url, ...hooks });
  const message = (content: string) => ({ model: 'claude-x', max_tokens: 20, messages: [{ role: 'user', content }] });

  it.each([
    ['natively (Anthropic)', () => anthropic({})],
    ['translated onto chat (OpenAI)', () => target('m-messages')],
  ])('/v1/messages %s: 446 in the Messages error shape with hook_results; answers redacted', async (_name, base) => {
    const denied = await send({ ...base(), ...deny }, message('a bad thing'), '/v1/messages');
    expect(denied.status).toBe(446);
    expect(denied.json).toMatchObject({ type: 'error', error: { message: HOOKS_FAILED }, hook_results: { before_request_hooks: [{ verdict: false }] } });
    const redacted = await send({ ...base(), ...redactOut }, message('mail a@b.io now'), '/v1/messages');
    expect(redacted.status).toBe(200);
    expect(redacted.json.content[0].text).toContain('mail [REDACTED_EMAIL] now');
    expect(redacted.json.hook_results.after_request_hooks[0].verdict).toBe(true);
  });

  it('/v1/messages: an after-request deny is a 446 in the Messages error shape', async () => {
    const res = await send(anthropic({ output_guardrails: [{ 'default.wordCount': { maxWords: 1 }, deny: true }] }), message('several words here'), '/v1/messages');
    expect(res.status).toBe(446);
    expect(res.json).toMatchObject({ type: 'error', error: { message: HOOKS_FAILED }, hook_results: { after_request_hooks: [{ verdict: false, deny: true }] } });
  });

  it('/v1/completions: prompt judged before, text redacted after', async () => {
    const denied = await send({ ...target('m-complete'), ...deny }, { model: 'x', prompt: 'bad prompt' }, '/v1/completions');
    expect(denied.status).toBe(446);
    const redacted = await send({ ...target('m-complete'), ...redactOut }, { model: 'x', prompt: 'ssn 123-45-6789 ok' }, '/v1/completions');
    expect(redacted.json.choices[0].text).toContain('ssn [REDACTED_SSN] ok');
  });

  it('other endpoints are not guarded (as in the reference)', async () => {
    const res = await send({ ...target('m-moderation'), ...deny }, { input: 'bad words', model: 'omni-moderation-latest' }, '/v1/moderations');
    expect(res.status).toBe(200);
    expect(res.json.hook_results).toBeUndefined();
  });
});

describe('PII redaction', () => {
  const redact = { 'default.pii': { redact: true } };

  it('rewrites the request before it leaves: the provider never sees the PII', async () => {
    const res = await send(target('m-pii-in', { input_guardrails: [redact] }), chat('mail jane.doe@example.com or 555-867-5309'));
    expect(res.status).toBe(200);
    const [upstream] = mock.requests('m-pii-in');
    const sent = JSON.stringify(upstream.body);
    expect(sent).toContain('[REDACTED_EMAIL]');
    expect(sent).toContain('[REDACTED_PHONE]');
    expect(sent).not.toContain('jane.doe@example.com');
    expect(res.json.hook_results.before_request_hooks[0].checks[0]).toMatchObject({ verdict: true, transformed: true, data: { found: { email: 1, phone: 1 } } });
  });

  it('rewrites a JSON answer before it returns', async () => {
    const res = await send(target('m-pii-out', { output_guardrails: [redact] }), chat('mail jane.doe@example.com'));
    expect(JSON.stringify(mock.requests('m-pii-out')[0].body)).toContain('jane.doe@example.com');
    expect(res.status).toBe(200);
    expect(res.json.choices[0].message.content).toContain('mail [REDACTED_EMAIL]');
    expect(res.text).not.toContain('jane.doe@example.com');
  });

  it('an answer cached by a config without the guardrail is never served to one with it', async () => {
    const cache = { cache: { mode: 'simple' } };
    const body = chat('mail cached.person@example.com');
    const first = await send(target('m-pii-cache', cache), body);
    expect(first.cache).toBe('MISS');
    expect(first.json.choices[0].message.content).toContain('cached.person@example.com');
    const guarded = await send(target('m-pii-cache', { ...cache, output_guardrails: [redact] }), body);
    expect(guarded.json.choices[0].message.content).toContain('[REDACTED_EMAIL]');
    expect(guarded.text).not.toContain('cached.person@example.com');
  });

  it('rewrites a streamed answer, a card number split across chunks included', async () => {
    const body = chat('card 4111 1111 1111 1111 ok', { stream: true });
    const raw = await send(target('m-pii-stream'), body);
    // Without the guardrail the number really is spread over several chunks.
    const rawDeltas = sseData(raw.text).filter((d) => d !== '[DONE]').map((d) => JSON.parse(d).choices?.[0]?.delta?.content ?? '');
    expect(rawDeltas.filter((d) => /\d{4}/.test(d)).length).toBeGreaterThan(1);

    const res = await send(target('m-pii-stream', { output_guardrails: [redact] }), body);
    expect(res.status).toBe(200);
    const text = streamedText(res.text);
    expect(text).toBe(streamedText(raw.text).replace('4111 1111 1111 1111', '[REDACTED_CREDIT_CARD]'));
    expect(res.text).not.toMatch(/4111/);
    expect(sseData(res.text).at(-1)).toBe('[DONE]');
  });
});

describe('plug-ins', () => {
  it('the example plug-in folder, enabled at start-up, runs its guardrail and its mutator', async () => {
    const banned = { 'acme.bannedTopics': { topics: ['weapons'] }, deny: true };
    const blocked = await send(target('m-plugin', { input_guardrails: [banned] }), chat('tell me about weapons'));
    expect(blocked.status).toBe(446);
    expect(blocked.json.hook_results.before_request_hooks[0].checks[0]).toMatchObject({ id: 'acme.bannedTopics', verdict: false, data: { hits: ['weapons'] } });

    const signed = await send(target('m-plugin', { output_mutators: [{ 'acme.appendSignature': { signature: ' -- acme' } }] }), chat('gardens'));
    expect(signed.status).toBe(200);
    expect(signed.json.choices[0].message.content.endsWith(' -- acme')).toBe(true);
  });

  it("a plug-in's parameters are validated against its manifest", async () => {
    const res = await send(target('m-plugin', { input_guardrails: [{ 'acme.bannedTopics': { topics: [] } }] }), chat('x'));
    expect(res.status).toBe(200);
    expect(res.json.hook_results.before_request_hooks[0].checks[0].error).toEqual({ name: 'CheckError', message: expect.stringContaining('invalid parameters: $.topics: fewer than 1 items') });
  });

  it('a check that throws is reported, fails open without deny and closed with deny; the gateway keeps serving', async () => {
    const open = await send(target('m-throw', { input_guardrails: [{ 'buggy.explode': {} }] }), chat('x'));
    expect(open.status).toBe(200);
    expect(open.json.hook_results.before_request_hooks[0].checks[0]).toMatchObject({ verdict: true, error: { name: 'CheckError', message: 'plug-in bug' } });
    const closed = await send(target('m-throw', { input_guardrails: [{ 'buggy.explode': {}, deny: true }] }), chat('x'));
    expect(closed.status).toBe(446);
    const explicit = await send(target('m-throw', { input_guardrails: [{ 'buggy.explode': {}, on_error: 'fail' }] }), chat('x'));
    expect(explicit.status).toBe(246);
  });

  it('an unknown check id is reported, not a crash', async () => {
    const res = await send(target('m-unknown', { input_guardrails: [{ 'nobody.nothing': {} }] }), chat('x'));
    expect(res.status).toBe(200);
    expect(res.json.hook_results.before_request_hooks[0].checks[0].error.message).toBe('unknown check nobody.nothing');
  });
});

describe('webhook check', () => {
  const hook = (extra: Record<string, unknown> = {}) => ({ 'default.webhook': { webhookURL: `${webhook.url}/verdict`, headers: { 'x-hook-secret': 's3' }, ...extra } });

  it('POSTs the request to the URL; its verdict decides', async () => {
    webhookVerdict = false;
    const failed = await send(target('m-hook', { input_guardrails: [hook()] }), chat('judge me'), '/v1/chat/completions', { 'x-portkey-metadata': '{"user":"u1"}' });
    expect(failed.status).toBe(246);
    expect(webhook.received[0]).toMatchObject({ path: '/verdict', headers: { 'x-hook-secret': 's3' }, body: { eventType: 'beforeRequestHook', metadata: { user: 'u1' }, request: { json: { model: 'm-hook' } } } });
    webhookVerdict = true;
    expect((await send(target('m-hook', { input_guardrails: [{ ...hook(), deny: true }] }), chat('judge me'))).status).toBe(200);
  });

  it('a webhook slower than its timeout is a TimeoutError, failing open', async () => {
    webhookDelayMs = 1500;
    const started = Date.now();
    const res = await send(target('m-hook-slow', { input_guardrails: [hook({ timeout: 100 })] }), chat('slow'));
    expect(Date.now() - started).toBeLessThan(1200);
    expect(res.status).toBe(200);
    expect(res.json.hook_results.before_request_hooks[0].checks[0]).toMatchObject({ verdict: true, error: { name: 'TimeoutError' } });
  });

  it('a webhook that answers 500 is a check error; with deny the request is blocked', async () => {
    webhookStatus = 500;
    const res = await send(target('m-hook-500', { input_guardrails: [{ ...hook(), deny: true }] }), chat('x'));
    expect(res.status).toBe(446);
    expect(res.json.hook_results.before_request_hooks[0].checks[0].error.message).toMatch(/HTTP 500/);
  });

  it('goes through the egress policy: a metadata address is refused, never dialled', async () => {
    const res = await send(target('m-hook-egress', { input_guardrails: [{ 'default.webhook': { webhookURL: 'http://169.254.169.254/latest' } }] }), chat('x'));
    expect(res.status).toBe(200);
    expect(res.json.hook_results.before_request_hooks[0].checks[0].error.message).toMatch(/refused/);
  });
});
