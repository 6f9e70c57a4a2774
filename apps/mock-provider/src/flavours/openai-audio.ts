import type { OutgoingHttpHeaders } from 'node:http';
import { mp3Silence, pcmTone, wavFile, wavSeconds } from '../binary/audio.js';
import { countTokens, splitText } from '../content.js';
import { fileField, textFields } from '../multipart.js';
import { sendBody, sendStream, type Frame } from '../respond.js';
import { dataFrame } from '../sse.js';
import type { RequestContext } from '../types.js';
import { missing, type Json } from './openai-common.js';
import { notMultipart } from './openai-images.js';

/**
 * OpenAI audio. `…/audio/speech`: JSON in, audio bytes out in a few chunks (wav → a PCM WAV tone,
 * pcm → the raw samples, mp3 and the default → silent MP3 frames; opus/aac/flac, which the mock
 * cannot encode, get the WAV labelled `audio/wav`). `…/audio/transcriptions|translations`:
 * multipart with a `file` and a `model`; the text names the file and its size.
 */

const SPEECH_CHUNKS = 4;

function speechAudio(format: unknown, seconds: number): [Buffer, string] {
  switch (format) {
    case 'pcm':
      return [pcmTone(seconds), 'audio/pcm'];
    case 'mp3':
    case undefined:
      return [mp3Silence(Math.max(1, Math.round(seconds / 0.026))), 'audio/mpeg'];
    default:
      return [wavFile(pcmTone(seconds)), 'audio/wav'];
  }
}

export function speech(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  if (typeof body.input !== 'string') return sendBody(ctx, 400, missing('input'), headers);
  if (body.voice === undefined) return sendBody(ctx, 400, missing('voice'), headers);
  // A tenth of a second per word, within [0.1 s, 2 s]: small, but long enough to chunk.
  const seconds = Math.min(2, Math.max(0.1, countTokens(body.input) * 0.1));
  const [audio, contentType] = speechAudio(body.response_format, seconds);
  const size = Math.ceil(audio.length / SPEECH_CHUNKS);
  const frames: Frame[] = [];
  for (let i = 0; i < audio.length; i += size) frames.push(audio.subarray(i, i + size));
  // Binary audio has no in-band error: an `errorEventAfterChunks` simply ends the body early.
  sendStream(ctx, frames, { contentType, headers, paced: true, errorFrame: () => '' });
}

function subtitle(format: 'srt' | 'vtt', text: string, seconds: number): string {
  const end = new Date(Math.max(1, Math.ceil(seconds)) * 1000).toISOString().slice(11, 23);
  return format === 'srt' ? `1\n00:00:00,000 --> ${end.replace('.', ',')}\n${text}\n\n` : `WEBVTT\n\n00:00:00.000 --> ${end}\n${text}\n\n`;
}

export function audioUpload(ctx: RequestContext, headers: OutgoingHttpHeaders): void {
  if (!ctx.parts) return sendBody(ctx, 400, notMultipart(ctx), headers);
  const file = fileField(ctx.parts, 'file');
  if (!file) return sendBody(ctx, 400, missing('file'), headers);
  const fields = textFields(ctx.parts);
  if (fields.model === undefined) return sendBody(ctx, 400, missing('model'), headers);
  const task = ctx.route.endpoint === 'translation' ? 'translation' : 'transcript';
  const text = `mock ${task} of ${file.filename} (${file.data.length} bytes)`;
  const seconds = wavSeconds(file.data) ?? 1;

  if (task === 'transcript' && fields.stream === 'true') {
    const frames = splitText(text).map((delta) => dataFrame({ type: 'transcript.text.delta', delta }));
    frames.push(dataFrame({ type: 'transcript.text.done', text }));
    return sendStream(ctx, frames, { headers, errorFrame: () => dataFrame({ type: 'error', error: { message: 'The server had an error.', type: 'server_error' } }) });
  }
  switch (fields.response_format) {
    case 'text':
      return sendBody(ctx, 200, text, headers);
    case 'srt':
    case 'vtt':
      return sendBody(ctx, 200, subtitle(fields.response_format, text, seconds), headers);
    case 'verbose_json':
      return sendBody(
        ctx,
        200,
        {
          task: ctx.route.endpoint === 'translation' ? 'translate' : 'transcribe',
          language: 'english',
          duration: seconds,
          text,
          segments: [{ id: 0, seek: 0, start: 0, end: seconds, text, tokens: [], temperature: 0, avg_logprob: 0, compression_ratio: 1, no_speech_prob: 0 }],
        },
        headers,
      );
    default:
      return sendBody(ctx, 200, { text }, headers);
  }
}
