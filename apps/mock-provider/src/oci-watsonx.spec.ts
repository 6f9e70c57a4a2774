import { parseSse, startMockProvider, type MockProvider } from './index.js';

const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function post(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const SIGNED = {
  authorization: 'Signature version="1",keyId="t/u/f",algorithm="rsa-sha256",headers="date (request-target) host content-length content-type x-content-sha256",signature="c2ln"',
  'x-content-sha256': 'aGFzaA==',
};
const ociBody = (extra: Record<string, unknown> = {}) => ({
  compartmentId: 'ocid1.compartment.oc1..c',
  servingMode: { servingType: 'ON_DEMAND', modelId: 'meta.llama-3.3-70b-instruct' },
  chatRequest: { apiFormat: 'GENERIC', messages: [{ role: 'USER', content: [{ type: 'TEXT', text: 'Hi OCI' }] }], ...extra },
});

describe('OCI Generative AI chat', () => {
  it('answers a GENERIC chat result, keyed by the serving mode model', async () => {
    const res = await post('/20231130/actions/chat', ociBody(), SIGNED);
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body).toMatchObject({ modelId: 'meta.llama-3.3-70b-instruct', chatResponse: { apiFormat: 'GENERIC', choices: [{ index: 0, finishReason: 'stop', message: { role: 'ASSISTANT' } }] } });
    expect(body.chatResponse.choices[0].message.content[0].text).toContain('Hi OCI');
    expect(body.chatResponse.usage.totalTokens).toBeGreaterThan(0);
    expect(mock.count('meta.llama-3.3-70b-instruct')).toBe(1);
  });

  it('streams text deltas, the finish reason and usage, without [DONE]', async () => {
    const res = await post('/20231130/actions/chat', ociBody({ isStream: true, streamOptions: { isIncludeUsage: true } }), SIGNED);
    const events = parseSse(await res.text()).map((e) => JSON.parse(e.data));
    expect(events.at(-2)).toMatchObject({ finishReason: 'stop' });
    expect(events.at(-1)).toMatchObject({ usage: { promptTokens: expect.any(Number) } });
    expect(events.filter((e) => e.message?.content).map((e) => e.message.content[0].text).join('')).toContain('Hi OCI');
  });

  it('refuses an unsigned request with OCI’s error body', async () => {
    const res = await post('/20231130/actions/chat', ociBody(), { authorization: 'Bearer x' });
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toMatchObject({ code: 'NotAuthenticated' });
  });
});

describe('IBM watsonx.ai text chat', () => {
  const body = { model_id: 'ibm/granite-3-8b-instruct', project_id: 'p', messages: [{ role: 'user', content: 'Hi watsonx' }] };

  it('answers a chat result with usage', async () => {
    const res = await post('/ml/v1/text/chat?version=2024-10-08', body, { authorization: 'Bearer iam' });
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({ model_id: 'ibm/granite-3-8b-instruct', choices: [{ message: { role: 'assistant' }, finish_reason: 'stop' }], usage: { total_tokens: expect.any(Number) } });
  });

  it('streams message events with usage on the last', async () => {
    const res = await post('/ml/v1/text/chat_stream?version=2024-10-08', body, { authorization: 'Bearer iam' });
    const events = parseSse(await res.text());
    expect(events.every((e) => e.event === 'message')).toBe(true);
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ choices: [{ finish_reason: 'stop' }], usage: { prompt_tokens: expect.any(Number) } });
  });

  it('refuses a missing version, a missing project and a stream flag in watsonx’s error envelope', async () => {
    expect((await post('/ml/v1/text/chat', body, { authorization: 'Bearer iam' })).status).toBe(400);
    const noProject = await post('/ml/v1/text/chat?version=2024-10-08', { ...body, project_id: undefined }, { authorization: 'Bearer iam' });
    expect(await bodyOf(noProject)).toMatchObject({ errors: [{ code: 'json_validation_error' }], status_code: 400 });
    expect((await post('/ml/v1/text/chat?version=2024-10-08', { ...body, stream: true }, { authorization: 'Bearer iam' })).status).toBe(400);
  });
});
