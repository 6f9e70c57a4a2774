import { inflateSync } from 'node:zlib';
import { parseSse, startMockProvider, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const AUTH = { authorization: 'Bearer sk-test' };
function post(path: string, body: unknown, headers: Record<string, string> = AUTH): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
function postForm(path: string, form: FormData, headers: Record<string, string> = AUTH): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers, body: form });
}

/** A real 1×1 grey PNG, built here independently of the mock's generator. */
function tinyPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
}

/** A real 16-bit mono WAV of `seconds` of silence at 16 kHz, built here. */
function silentWav(seconds: number): Buffer {
  const data = Buffer.alloc(Math.round(seconds * 16000) * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(16000, 24);
  h.writeUInt32LE(32000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

function isPng(buf: Buffer): boolean {
  return buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

/** Reads a body as the chunks the client received. */
async function chunksOf(res: Response): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(Buffer.from(value));
  }
}

describe('OpenAI images', () => {
  it('generations answer b64_json PNGs, one per n', async () => {
    const res = await post('/v1/images/generations', { model: 'dall-e-3', prompt: 'a lighthouse', n: 2, response_format: 'b64_json' });
    expect(res.status).toBe(200);
    const json = await bodyOf(res);
    expect(json).toEqual({ created: expect.any(Number), data: [{ b64_json: expect.any(String) }, { b64_json: expect.any(String) }] });
    const png = Buffer.from(json.data[0].b64_json, 'base64');
    expect(isPng(png)).toBe(true);
    expect(json.data[1].b64_json).not.toBe(json.data[0].b64_json);
    expect(mock.requests('dall-e-3')[0]).toMatchObject({ flavour: 'openai', endpoint: 'image_generation' });
  });

  it('generations answer URLs the mock serves, by default', async () => {
    const json = await bodyOf(await post('/v1/images/generations', { model: 'dall-e-2', prompt: 'a lighthouse' }));
    expect(json.data).toEqual([{ url: expect.stringMatching(new RegExp(`^${mock.url}/__mock/files/img-.+\\.png$`)) }]);
    const img = await fetch(json.data[0].url);
    expect(img.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await img.arrayBuffer());
    expect(isPng(png)).toBe(true);
    const idat = png.indexOf('IDAT');
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4))).length).toBe(8 * 25);
  });

  it('gpt-image models always answer base64 with token usage; prompt is required', async () => {
    const json = await bodyOf(await post('/v1/images/generations', { model: 'gpt-image-1', prompt: 'two words' }));
    expect(json.data[0].b64_json).toEqual(expect.any(String));
    expect(json.usage).toEqual({ total_tokens: 274, input_tokens: 2, output_tokens: 272, input_tokens_details: { text_tokens: 2, image_tokens: 0 } });
    const bad = await post('/v1/images/generations', { model: 'dall-e-3' });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error).toMatchObject({ param: 'prompt', code: 'missing_required_parameter' });
  });

  it('edits take a multipart image and answer an images response', async () => {
    const form = new FormData();
    form.append('model', 'dall-e-2');
    form.append('prompt', 'make it blue');
    form.append('image', new Blob([tinyPng()], { type: 'image/png' }), 'grey.png');
    form.append('response_format', 'b64_json');
    const res = await postForm('/v1/images/edits', form);
    expect(res.status).toBe(200);
    expect(isPng(Buffer.from((await bodyOf(res)).data[0].b64_json, 'base64'))).toBe(true);
    const noImage = new FormData();
    noImage.append('prompt', 'x');
    const bad = await postForm('/v1/images/edits', noImage);
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.param).toBe('image');
  });
});

describe('OpenAI speech', () => {
  it('streams a valid WAV in several chunks for response_format wav', async () => {
    const res = await post('/v1/audio/speech', { model: 'tts-1', input: 'one two three four five', voice: 'alloy', response_format: 'wav' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const wav = Buffer.concat(await chunksOf(res));
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 12)).toBe('WAVE');
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    expect(wav.readUInt32LE(40) / wav.readUInt32LE(28)).toBeCloseTo(0.5); // 0.1 s per word
  });

  it('answers MPEG audio by default and raw PCM for pcm', async () => {
    const mp3 = await post('/v1/audio/speech', { model: 'tts-1', input: 'hi', voice: 'alloy' });
    expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await mp3.arrayBuffer());
    expect(bytes.readUInt16BE(0) & 0xffe0).toBe(0xffe0);
    const pcm = await post('/v1/audio/speech', { model: 'tts-1', input: 'hi', voice: 'alloy', response_format: 'pcm' });
    expect(pcm.headers.get('content-type')).toBe('audio/pcm');
    expect((await pcm.arrayBuffer()).byteLength).toBe(0.1 * 24000 * 2);
  });

  it('validates input and voice', async () => {
    expect((await bodyOf(await post('/v1/audio/speech', { model: 'tts-1', voice: 'alloy' }))).error.param).toBe('input');
    expect((await bodyOf(await post('/v1/audio/speech', { model: 'tts-1', input: 'x' }))).error.param).toBe('voice');
  });

  it('applies stream faults to the audio chunks', async () => {
    mock.scenario('tts-cut', [{ failAfterChunks: 1 }]);
    const res = await post('/v1/audio/speech', { model: 'tts-cut', input: 'one two three four', voice: 'alloy', response_format: 'wav' });
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });
});

describe('OpenAI transcriptions and translations', () => {
  const wav = silentWav(0.5);
  const form = (extra: Record<string, string> = {}, model = 'whisper-1'): FormData => {
    const f = new FormData();
    f.append('file', new Blob([wav], { type: 'audio/wav' }), 'speech.wav');
    f.append('model', model);
    for (const [k, v] of Object.entries(extra)) f.append(k, v);
    return f;
  };

  it('answers {text} naming the file and its size, and records the parts', async () => {
    const res = await postForm('/v1/audio/transcriptions', form());
    expect(await bodyOf(res)).toEqual({ text: `mock transcript of speech.wav (${wav.length} bytes)` });
    expect(mock.requests('whisper-1')[0]!.body).toEqual({
      multipart: [
        { name: 'file', filename: 'speech.wav', contentType: 'audio/wav', size: wav.length },
        { name: 'model', size: 9, value: 'whisper-1' },
      ],
    });
    const tr = await postForm('/v1/audio/translations', form());
    expect((await bodyOf(tr)).text).toBe(`mock translation of speech.wav (${wav.length} bytes)`);
  });

  it('answers plain text, subtitles and verbose JSON per response_format', async () => {
    const text = await postForm('/v1/audio/transcriptions', form({ response_format: 'text' }));
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await text.text()).toBe(`mock transcript of speech.wav (${wav.length} bytes)`);
    const srt = await (await postForm('/v1/audio/transcriptions', form({ response_format: 'srt' }))).text();
    expect(srt).toBe(`1\n00:00:00,000 --> 00:00:01,000\nmock transcript of speech.wav (${wav.length} bytes)\n\n`);
    const verbose = await bodyOf(await postForm('/v1/audio/transcriptions', form({ response_format: 'verbose_json' })));
    expect(verbose).toMatchObject({ task: 'transcribe', language: 'english', duration: 0.5, segments: [{ start: 0, end: 0.5 }] });
  });

  it('streams transcript deltas with stream=true', async () => {
    const res = await postForm('/v1/audio/transcriptions', form({ stream: 'true' }, 'gpt-4o-transcribe'));
    const events = parseSse(await res.text()).map((e) => JSON.parse(e.data));
    const done = events.pop();
    expect(done).toEqual({ type: 'transcript.text.done', text: `mock transcript of speech.wav (${wav.length} bytes)` });
    expect(events.map((e) => e.delta).join('')).toBe(done.text);
  });

  it('requires a file and a model', async () => {
    const noFile = new FormData();
    noFile.append('model', 'whisper-1');
    expect((await bodyOf(await postForm('/v1/audio/transcriptions', noFile))).error.param).toBe('file');
    const noModel = new FormData();
    noModel.append('file', new Blob([wav]), 'a.wav');
    expect((await bodyOf(await postForm('/v1/audio/transcriptions', noModel))).error.param).toBe('model');
  });

  it('keys scenarios by the multipart model field', async () => {
    mock.scenario('whisper-flaky', [{ status: 429, headers: { 'retry-after': '1' } }]);
    const res = await postForm('/v1/audio/transcriptions', form({}, 'whisper-flaky'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await bodyOf(res)).error.code).toBe('rate_limit_exceeded');
    expect((await postForm('/v1/audio/transcriptions', form({}, 'whisper-flaky'))).status).toBe(200);
    expect(mock.count('whisper-flaky')).toBe(2);
  });
});

describe('OpenAI moderations, rerank and models', () => {
  it('moderates each input, flagging violent text', async () => {
    const json = await bodyOf(await post('/v1/moderations', { input: ['hello there', 'I will kill it'] }));
    expect(json).toMatchObject({ id: expect.stringMatching(/^modr-/), model: 'omni-moderation-latest' });
    expect(json.results.map((r: any) => r.flagged)).toEqual([false, true]);
    expect(json.results[1].categories).toMatchObject({ violence: true, hate: false });
    expect(json.results[1].category_scores.violence).toBe(0.9);
    expect(Object.keys(json.results[0].categories)).toHaveLength(13);
  });

  it('reranks by query-word overlap (Jina/OpenAI-compatible shape)', async () => {
    const json = await bodyOf(
      await post('/v1/rerank', {
        model: 'jina-reranker-v2-base-multilingual',
        query: 'capital of France',
        documents: ['Berlin is in Germany', 'Paris is the capital of France', { text: 'France has wine' }],
        top_n: 2,
        return_documents: true,
      }),
    );
    expect(json).toEqual({
      model: 'jina-reranker-v2-base-multilingual',
      usage: { total_tokens: 3 * 3 + 4 + 6 + 3 },
      results: [
        { index: 1, relevance_score: 0.95, document: { text: 'Paris is the capital of France' } },
        { index: 2, relevance_score: 0.35, document: { text: 'France has wine' } },
      ],
    });
    expect(mock.requests()[0]).toMatchObject({ flavour: 'openai', endpoint: 'rerank' });
  });

  it('lists models on GET …/models', async () => {
    const json = await bodyOf(await fetch(`${mock.url}/v1/models`, { headers: AUTH }));
    expect(json).toEqual({ object: 'list', data: [{ id: 'mock-model', object: 'model', created: 1700000000, owned_by: 'mock' }] });
  });
});
