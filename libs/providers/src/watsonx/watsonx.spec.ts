import type { StreamContext, TokenHttp, TransformContext } from '../core/types.js';
import { ProviderStreamError, UnsupportedRequestError } from '../core/types.js';
import { toWatsonxChatRequest } from './chat-request.js';
import { toOpenAiChatCompletion } from './chat-response.js';
import { createWatsonxChatStream } from './chat-stream.js';
import { watsonxError } from './error.js';
import { IAM_TOKEN_URL, watsonxIamTokens } from './iam-tokens.js';
import { watsonx } from './watsonx.provider.js';

const OPTIONS = { provider: 'watsonx', apiKey: 'ibm-cloud-api-key', watsonxProjectId: 'proj-1' };
const ctx = (stream = false, options: Record<string, unknown> = OPTIONS): TransformContext => ({ endpoint: 'chatComplete', options: { provider: 'watsonx', ...options }, stream, strictOpenAiCompliance: true });

/** Shapes from IBM's watsonx.ai API reference (Text Chat, Text Chat Stream, IAM token). */
describe('OpenAI chat → watsonx.ai text chat', () => {
  it('names the model and project, moves tool_choice strings to tool_choice_option and drops stream fields', () => {
    const out = toWatsonxChatRequest(
      {
        model: 'ibm/granite-3-8b-instruct',
        messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
        max_tokens: 50,
        temperature: 0.1,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
        tool_choice: 'required',
        stream: true,
        stream_options: { include_usage: true },
      },
      ctx(true),
    );
    expect(out).toEqual({
      model_id: 'ibm/granite-3-8b-instruct',
      project_id: 'proj-1',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
      max_tokens: 50,
      temperature: 0.1,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice_option: 'required',
    });
  });

  it('keeps a forced function as tool_choice, and takes a space instead of a project', () => {
    const out = toWatsonxChatRequest({ model: 'm', messages: [], tool_choice: { type: 'function', function: { name: 'f' } } }, ctx(false, { watsonxSpaceId: 'space-9' }));
    expect(out).toMatchObject({ space_id: 'space-9', tool_choice: { type: 'function', function: { name: 'f' } } });
  });

  it('refuses a chat without project or space', () => {
    expect(() => toWatsonxChatRequest({ model: 'm', messages: [] }, ctx(false, { apiKey: 'k' }))).toThrow(UnsupportedRequestError);
  });

  it('picks the chat or chat_stream path with the API version', () => {
    expect(watsonx.endpoints.chatComplete!.path({}, ctx())).toBe('/ml/v1/text/chat?version=2024-10-08');
    expect(watsonx.endpoints.chatComplete!.path({}, ctx(true, { ...OPTIONS, watsonxVersion: '2025-02-01' }))).toBe('/ml/v1/text/chat_stream?version=2025-02-01');
    expect(watsonx.baseUrl({ provider: 'watsonx', watsonxRegion: 'eu-de' })).toBe('https://eu-de.ml.cloud.ibm.com');
    expect(() => watsonx.baseUrl({ provider: 'watsonx', watsonxRegion: 'evil.com/' })).toThrow(UnsupportedRequestError);
  });
});

describe('watsonx.ai result → OpenAI', () => {
  it('rebuilds the envelope with OpenAI fields', () => {
    const body = {
      id: 'chat-7f2d',
      model_id: 'ibm/granite-3-8b-instruct',
      model_version: '1.1.0',
      created: 1_760_000_000,
      created_at: '2025-10-09T08:53:20.000Z',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
      usage: { completion_tokens: 3, prompt_tokens: 11, total_tokens: 14 },
      system: { warnings: [{ message: 'deprecated model' }] },
    };
    expect(toOpenAiChatCompletion(body, { model: 'x' })).toEqual({
      id: 'chat-7f2d',
      object: 'chat.completion',
      created: 1_760_000_000,
      model: 'ibm/granite-3-8b-instruct',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 },
    });
  });
});

describe('watsonx.ai chat_stream → OpenAI chunks', () => {
  const sctx: StreamContext = { ...ctx(true), id: 'fallback', model: 'm', created: 1 };

  it('relays deltas and sends usage once, last', () => {
    const stream = createWatsonxChatStream(sctx);
    const events = [
      { id: 'chat-1', model_id: 'ibm/granite', created: 5, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { id: 'chat-1', model_id: 'ibm/granite', created: 5, choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] },
      { id: 'chat-1', model_id: 'ibm/granite', created: 5, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { completion_tokens: 1, prompt_tokens: 4, total_tokens: 5 } },
    ];
    const chunks = [...events.flatMap((e) => stream.onEvent({ event: 'message', data: JSON.stringify(e) })), ...stream.onEnd()];
    expect(chunks.map((c: any) => [c.choices[0]?.delta, c.choices[0]?.finish_reason])).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'Hi' }, null],
      [{}, 'stop'],
      [undefined, undefined],
    ]);
    expect(chunks[1]).toMatchObject({ id: 'chat-1', object: 'chat.completion.chunk', model: 'ibm/granite' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 4, completion_tokens: 1, total_tokens: 5 } });
  });

  it('turns an error event into a stream error', () => {
    const stream = createWatsonxChatStream(sctx);
    expect(() => stream.onEvent({ event: 'error', data: JSON.stringify({ errors: [{ code: 'model_overloaded', message: 'busy' }], status_code: 503 }) })).toThrow(ProviderStreamError);
  });
});

describe('watsonx errors and IAM tokens', () => {
  it('maps {errors:[{code,message}]} to the unified error', () => {
    expect(watsonxError(404, { errors: [{ code: 'model_not_supported', message: 'Model ibm/x is not supported', more_info: 'https://cloud.ibm.com/apidocs/watsonx-ai' }], trace: 't', status_code: 404 })).toEqual({
      error: { message: 'watsonx error: Model ibm/x is not supported', type: 'model_not_supported', param: null, code: 'model_not_supported' },
      provider: 'watsonx',
    });
  });

  it('exchanges the API key at IAM, keyed by a fingerprint of the key, and sends the token', async () => {
    const calls: { url: string; body: string }[] = [];
    const http: TokenHttp = async (request) => {
      calls.push(request);
      return { status: 200, json: { access_token: 'iam-token', expires_in: 3600, token_type: 'Bearer' } };
    };
    await expect(watsonxIamTokens.fetchToken(OPTIONS, http, new Date())).resolves.toEqual({ accessToken: 'iam-token', expiresInSeconds: 3600 });
    expect(calls[0].url).toBe(IAM_TOKEN_URL);
    expect(Object.fromEntries(new URLSearchParams(calls[0].body))).toEqual({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: 'ibm-cloud-api-key' });
    const key = watsonxIamTokens.cacheKey(OPTIONS)!;
    expect(key).toMatch(/^watsonx-iam:[0-9a-f]{32}$/);
    expect(watsonx.headers(ctx(false, { ...OPTIONS, accessToken: 'iam-token' }))).toEqual({ authorization: 'Bearer iam-token' });
  });

  it('uses the key as the bearer token in bearer mode, fetching nothing', () => {
    const options = { ...OPTIONS, watsonxAuthType: 'bearer', apiKey: 'eyJ.token' };
    expect(watsonxIamTokens.cacheKey(options)).toBeUndefined();
    expect(watsonx.headers(ctx(false, options))).toEqual({ authorization: 'Bearer eyJ.token' });
  });
});
