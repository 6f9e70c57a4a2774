import { StreamRedactor } from '@aigw/guardrails';
import { OpenAiSseSink } from '../streaming/chunk-sinks.js';
import { RedactingSink } from './redacting-sink.js';

const delta = (index: number, content: string, finish: string | null = null) => ({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta: { content }, finish_reason: finish }] });

/** The text each choice received, reassembled from the SSE the sink wrote. */
function texts(sse: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    for (const c of JSON.parse(line.slice(6)).choices ?? []) out[c.index] = (out[c.index] ?? '') + (c.delta?.content ?? '');
  }
  return out;
}

describe('RedactingSink', () => {
  const sink = () => new RedactingSink(new OpenAiSseSink(false), [() => new StreamRedactor()]);

  it('redacts a match split over chunks, per choice, releasing held text at finish_reason', () => {
    const s = sink();
    let out = '';
    out += s.chunk(delta(0, 'mail jane.do'));
    out += s.chunk(delta(1, 'card 4111 1111'));
    out += s.chunk(delta(0, 'e@example.com thanks'));
    out += s.chunk(delta(1, ' 1111 1111 done', 'stop'));
    // Choice 1 finished: its text is complete even before the stream ends.
    expect(texts(out)[1]).toBe('card [REDACTED_CREDIT_CARD] done');
    out += s.chunk(delta(0, '', 'stop'));
    out += s.end();
    expect(texts(out)).toEqual({ 0: 'mail [REDACTED_EMAIL] thanks', 1: 'card [REDACTED_CREDIT_CARD] done' });
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('handles upstream OpenAI SSE lines (text) and flushes a choice that never finished at the end', () => {
    const s = sink();
    const out = s.text(JSON.stringify(delta(0, 'ssn 123-45-'))) + s.text(JSON.stringify(delta(0, '6789'))) + s.end();
    expect(texts(out)[0]).toBe('ssn [REDACTED_SSN]');
  });

  it('lets chunks without text (role, usage, non-JSON lines) through unchanged', () => {
    const s = sink();
    const role = { id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] };
    expect(s.chunk(role)).toBe(`data: ${JSON.stringify(role)}\n\n`);
    expect(s.text('not json')).toBe('data: not json\n\n');
  });
});
