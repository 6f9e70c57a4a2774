import { toOpenAiChatResponse } from './chat-response.js';
import { geminiChatStream } from './chat-stream.js';

/** Shapes from the Gemini API docs: code execution (executableCode / codeExecutionResult parts) and Google Search grounding. */
const base = { endpoint: 'chatComplete' as const, options: { provider: 'google' }, stream: true, model: 'gemini-2.5-flash' };
const strictStream = { ...base, strictOpenAiCompliance: true, id: 'gen-1', created: 1 };
const looseStream = { ...strictStream, strictOpenAiCompliance: false };

const CODE_PARTS = [
  { text: 'Let me compute that.' },
  { executableCode: { language: 'PYTHON', code: 'print(sum(range(10)))' } },
  { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '45\n' } },
  { text: 'The sum is 45.' },
];

function streamed(ctx: typeof strictStream, events: unknown[]) {
  const stream = geminiChatStream.create(ctx);
  return [...events.flatMap((e) => stream.onEvent({ data: JSON.stringify(e) })), ...stream.onEnd()] as any[];
}

describe('Gemini code execution parts', () => {
  it('keeps the code and its output in the answer text, raw in content_blocks when not strict', () => {
    const body = { candidates: [{ content: { role: 'model', parts: CODE_PARTS }, finishReason: 'STOP' }] };
    const strict = toOpenAiChatResponse(body, { ...base, stream: false, strictOpenAiCompliance: true }) as any;
    const content = strict.choices[0].message.content as string;
    expect(content).toContain('Let me compute that.');
    expect(content).toContain('```python\nprint(sum(range(10)))\n```');
    expect(content).toContain('```output\n45\n\n```');
    expect(content).toContain('The sum is 45.');
    const loose = toOpenAiChatResponse(body, { ...base, stream: false, strictOpenAiCompliance: false }) as any;
    expect(loose.choices[0].message.content_blocks).toContainEqual({ type: 'executable_code', language: 'PYTHON', code: 'print(sum(range(10)))' });
  });

  it('streams them as content deltas, and names a failed run', () => {
    const chunks = streamed(strictStream, [
      { candidates: [{ content: { role: 'model', parts: [CODE_PARTS[1]] } }] },
      { candidates: [{ content: { role: 'model', parts: [{ codeExecutionResult: { outcome: 'OUTCOME_FAILED', output: 'NameError' } }] }, finishReason: 'STOP' }] },
    ]);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toContain('```python\nprint(sum(range(10)))\n```');
    expect(text).toContain('```output (OUTCOME_FAILED)\nNameError\n```');
  });
});

describe('Gemini grounding metadata in streams', () => {
  const grounding = { webSearchQueries: ['capital of France'], groundingChunks: [{ web: { uri: 'https://example.org', title: 'example.org' } }] };
  const events = [
    { candidates: [{ content: { role: 'model', parts: [{ text: 'Paris' }] } }] },
    { candidates: [{ content: { role: 'model', parts: [{ text: '.' }] }, finishReason: 'STOP', groundingMetadata: grounding }] },
  ];

  it('passes it on the last chunk when strict compliance is off', () => {
    const chunks = streamed(looseStream, events);
    expect(chunks.filter((c) => c.choices[0]?.groundingMetadata).map((c) => c.choices[0].groundingMetadata)).toEqual([grounding]);
    // Non-strict mode keeps Gemini's own finish reason, as the reference does.
    expect(chunks.find((c) => c.choices[0]?.groundingMetadata).choices[0].finish_reason).toBe('STOP');
  });

  it('leaves it out in strict mode', () => {
    expect(streamed(strictStream, events).some((c) => c.choices[0]?.groundingMetadata)).toBe(false);
  });
});
