import { crc32 } from 'node:zlib';
import { startMockProvider, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const SIGV4 = {
  authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
  'x-amz-date': '20250101T000000Z',
};
const CLAUDE = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const path = (model: string, action: string) => `/model/${encodeURIComponent(model)}/${action}`;
function post(p: string, body: unknown, headers: Record<string, string> = SIGV4): Promise<Response> {
  return fetch(mock.url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const converseBody = (extra: Record<string, unknown> = {}) => ({
  system: [{ text: 'Be brief.' }],
  messages: [{ role: 'user', content: [{ text: 'Hi there Bedrock' }] }],
  inferenceConfig: { maxTokens: 100 },
  ...extra,
});
const REPLY = 'Hello from mock bedrock: Hi there Bedrock';
const TOOL_CONFIG = {
  tools: [
    { toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object', properties: { q: { type: 'string' }, n: { type: 'integer' } } } } } },
    { toolSpec: { name: 'other', inputSchema: { json: { type: 'object', properties: {} } } } },
  ],
  toolChoice: { auto: {} },
};

interface Frame {
  headers: Record<string, string>;
  payload: any;
}

/**
 * An independent decoder for the AWS event-stream framing: checks the prelude and message CRCs
 * with zlib's CRC-32, reads string headers (type 7), parses the JSON payload.
 */
function decodeFrames(buf: Buffer): Frame[] {
  const frames: Frame[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const total = buf.readUInt32BE(pos);
    const headersLength = buf.readUInt32BE(pos + 4);
    expect(buf.readUInt32BE(pos + 8)).toBe(crc32(buf.subarray(pos, pos + 8)));
    expect(buf.readUInt32BE(pos + total - 4)).toBe(crc32(buf.subarray(pos, pos + total - 4)));
    const headers: Record<string, string> = {};
    for (let h = pos + 12; h < pos + 12 + headersLength; ) {
      const nameLength = buf[h]!;
      const name = buf.toString('utf8', h + 1, h + 1 + nameLength);
      expect(buf[h + 1 + nameLength]).toBe(7);
      const valueLength = buf.readUInt16BE(h + 2 + nameLength);
      headers[name] = buf.toString('utf8', h + 4 + nameLength, h + 4 + nameLength + valueLength);
      h += 4 + nameLength + valueLength;
    }
    frames.push({ headers, payload: JSON.parse(buf.toString('utf8', pos + 12 + headersLength, pos + total - 4)) });
    pos += total;
  }
  expect(pos).toBe(buf.length);
  return frames;
}

/** Event payloads without Bedrock's `p` padding field. */
const unpadded = (f: Frame) => {
  const { p, ...rest } = f.payload;
  expect(typeof p).toBe('string');
  return rest;
};

describe('Bedrock Converse', () => {
  it('answers output.message, stopReason, usage and metrics; keyed by the decoded path model', async () => {
    const res = await post(path(CLAUDE, 'converse'), converseBody());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(await bodyOf(res)).toEqual({
      output: { message: { role: 'assistant', content: [{ text: REPLY }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
      metrics: { latencyMs: expect.any(Number) },
    });
    expect(mock.requests(CLAUDE)[0]).toMatchObject({ flavour: 'bedrock', endpoint: 'converse', model: CLAUDE, path: path(CLAUDE, 'converse') });
  });

  it('decodes ARN model ids with encoded slashes', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';
    expect((await post(path(arn, 'converse'), converseBody())).status).toBe(200);
    expect(mock.count(arn)).toBe(1);
  });

  it('calls tools as toolUse blocks (a forced tool alone), answers tool results, truncates at maxTokens', async () => {
    const json = await bodyOf(await post(path(CLAUDE, 'converse'), converseBody({ toolConfig: TOOL_CONFIG })));
    expect(json.stopReason).toBe('tool_use');
    expect(json.output.message.content).toEqual([
      { toolUse: { toolUseId: expect.stringMatching(/^tooluse_/), name: 'lookup', input: { q: 'mock', n: 1 } } },
      { toolUse: { toolUseId: expect.any(String), name: 'other', input: {} } },
    ]);
    const forced = await bodyOf(await post(path(CLAUDE, 'converse'), converseBody({ toolConfig: { ...TOOL_CONFIG, toolChoice: { tool: { name: 'other' } } } })));
    expect(forced.output.message.content.map((b: any) => b.toolUse.name)).toEqual(['other']);
    const after = await bodyOf(
      await post(
        path(CLAUDE, 'converse'),
        converseBody({
          toolConfig: TOOL_CONFIG,
          messages: [
            { role: 'user', content: [{ text: 'Look it up' }] },
            { role: 'assistant', content: json.output.message.content },
            { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ json: { found: true } }] } }] },
          ],
        }),
      ),
    );
    expect(after).toMatchObject({ stopReason: 'end_turn', output: { message: { content: [{ text: 'Hello from mock bedrock: {"found":true}' }] } } });
    const cut = await bodyOf(await post(path(CLAUDE, 'converse'), converseBody({ inferenceConfig: { maxTokens: 3 } })));
    expect(cut).toMatchObject({ stopReason: 'max_tokens', output: { message: { content: [{ text: 'Hello from mock' }] } } });
  });

  it('403 "Missing Authentication Token" without SigV4 or a bearer key; accepts a bearer API key', async () => {
    const res = await post(path(CLAUDE, 'converse'), converseBody(), {});
    expect(res.status).toBe(403);
    expect(await bodyOf(res)).toEqual({ message: 'Missing Authentication Token' });
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException/);
    expect((await post(path(CLAUDE, 'converse'), converseBody(), { authorization: 'Bearer ABSKbedrock-key' })).status).toBe(200);
  });

  it('scripted statuses answer {message} with x-amzn-errortype; messages are validated', async () => {
    mock.scenario(CLAUDE, [{ status: 429 }]);
    const res = await post(path(CLAUDE, 'converse'), converseBody());
    expect(res.status).toBe(429);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
    expect(await bodyOf(res)).toEqual({ message: 'Too many requests, please wait before trying again.' });
    const bad = await post(path(CLAUDE, 'converse'), { inferenceConfig: {} });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).message).toMatch(/Value null at 'messages'/);
  });
});

describe('Bedrock ConverseStream (application/vnd.amazon.eventstream)', () => {
  it('frames messageStart, text deltas, contentBlockStop, messageStop and metadata with valid CRCs', async () => {
    const res = await post(path(CLAUDE, 'converse-stream'), converseBody());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    const frames = decodeFrames(Buffer.from(await res.arrayBuffer()));
    for (const f of frames) expect(f.headers).toEqual({ ':event-type': expect.any(String), ':content-type': 'application/json', ':message-type': 'event' });
    const types = frames.map((f) => f.headers[':event-type']);
    expect(types[0]).toBe('messageStart');
    expect(types.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    expect(unpadded(frames[0]!)).toEqual({ role: 'assistant' });
    const deltas = frames.filter((f) => f.headers[':event-type'] === 'contentBlockDelta').map(unpadded);
    expect(deltas.every((d) => d.contentBlockIndex === 0)).toBe(true);
    expect(deltas.map((d) => d.delta.text).join('')).toBe(REPLY);
    expect(unpadded(frames.at(-2)!)).toEqual({ stopReason: 'end_turn' });
    expect(unpadded(frames.at(-1)!)).toEqual({ usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 }, metrics: { latencyMs: expect.any(Number) } });
  });

  it('streams tool use: contentBlockStart with toolUse, partial JSON input deltas, stop', async () => {
    const frames = decodeFrames(Buffer.from(await (await post(path(CLAUDE, 'converse-stream'), converseBody({ toolConfig: TOOL_CONFIG }))).arrayBuffer()));
    const events = frames.map((f) => [f.headers[':event-type'], unpadded(f)] as const);
    const starts = events.filter(([t]) => t === 'contentBlockStart').map(([, p]) => p);
    expect(starts).toEqual([
      { contentBlockIndex: 0, start: { toolUse: { toolUseId: expect.any(String), name: 'lookup' } } },
      { contentBlockIndex: 1, start: { toolUse: { toolUseId: expect.any(String), name: 'other' } } },
    ]);
    const input0 = events.filter(([t, p]) => t === 'contentBlockDelta' && p.contentBlockIndex === 0).map(([, p]) => p.delta.toolUse.input).join('');
    expect(JSON.parse(input0)).toEqual({ q: 'mock', n: 1 });
    expect(events.find(([t]) => t === 'messageStop')![1]).toEqual({ stopReason: 'tool_use' });
  });

  it('errorEventAfterChunks sends an exception message (throttlingException, or the body’s __type)', async () => {
    mock.scenario(CLAUDE, [{ errorEventAfterChunks: 2 }, { errorEventAfterChunks: 1, body: { __type: 'modelStreamErrorException', message: 'boom' } }]);
    const frames = decodeFrames(Buffer.from(await (await post(path(CLAUDE, 'converse-stream'), converseBody())).arrayBuffer()));
    expect(frames).toHaveLength(3);
    expect(frames[2]!.headers).toEqual({ ':exception-type': 'throttlingException', ':content-type': 'application/json', ':message-type': 'exception' });
    expect(frames[2]!.payload).toEqual({ message: 'Too many requests, please wait before trying again.' });
    const second = decodeFrames(Buffer.from(await (await post(path(CLAUDE, 'converse-stream'), converseBody())).arrayBuffer()));
    expect(second[1]!.headers[':exception-type']).toBe('modelStreamErrorException');
    expect(second[1]!.payload).toEqual({ __type: 'modelStreamErrorException', message: 'boom' });
  });

  it('failAfterChunks cuts the binary stream mid-way', async () => {
    mock.scenario(CLAUDE, [{ failAfterChunks: 2 }]);
    const res = await post(path(CLAUDE, 'converse-stream'), converseBody());
    await expect(res.arrayBuffer()).rejects.toThrow();
  });
});

describe('Bedrock InvokeModel', () => {
  it('Titan text embeddings', async () => {
    const json = await bodyOf(await post(path('amazon.titan-embed-text-v2:0', 'invoke'), { inputText: 'hello big world', dimensions: 4 }));
    expect(json).toEqual({ embedding: [expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)], inputTextTokenCount: 3 });
  });

  it('Cohere embeddings, as floats or by type', async () => {
    const floats = await bodyOf(await post(path('cohere.embed-english-v3', 'invoke'), { texts: ['a', 'b'], input_type: 'search_document' }));
    expect(floats).toMatchObject({ response_type: 'embeddings_floats', texts: ['a', 'b'] });
    expect(floats.embeddings).toHaveLength(2);
    const byType = await bodyOf(await post(path('cohere.embed-english-v3', 'invoke'), { texts: ['a'], input_type: 'search_query', embedding_types: ['float'] }));
    expect(byType).toMatchObject({ response_type: 'embeddings_by_type', embeddings: { float: [expect.any(Array)] } });
  });

  it('Titan / Nova Canvas images and Stability artifacts or images, as base64 PNGs', async () => {
    const png = (b64: string) => Buffer.from(b64, 'base64').subarray(1, 4).toString('latin1');
    const titan = await bodyOf(
      await post(path('amazon.titan-image-generator-v2:0', 'invoke'), { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a cat' }, imageGenerationConfig: { numberOfImages: 2 } }),
    );
    expect(titan.images).toHaveLength(2);
    expect(png(titan.images[0])).toBe('PNG');
    const sdxl = await bodyOf(await post(path('stability.stable-diffusion-xl-v1', 'invoke'), { text_prompts: [{ text: 'a cat' }], seed: 7 }));
    expect(sdxl).toMatchObject({ result: 'success', artifacts: [{ seed: 7, finishReason: 'SUCCESS' }] });
    expect(png(sdxl.artifacts[0].base64)).toBe('PNG');
    const sd3 = await bodyOf(await post(path('stability.sd3-large-v1:0', 'invoke'), { prompt: 'a cat' }));
    expect(sd3).toMatchObject({ seeds: [42], finish_reasons: [null], images: [expect.any(String)] });
  });

  it('Claude through the Messages body; unknown families get a ValidationException', async () => {
    const json = await bodyOf(await post(path(CLAUDE, 'invoke'), { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: 'Yo' }] }));
    expect(json).toMatchObject({ type: 'message', model: CLAUDE, content: [{ type: 'text', text: 'Hello from mock bedrock: Yo' }], stop_reason: 'end_turn' });
    const bad = await post(path('acme.unknown-v1', 'invoke'), { prompt: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-errortype')).toMatch(/^ValidationException/);
  });
});
