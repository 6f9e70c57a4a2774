import type { StreamContext, StreamEvent, TransformContext } from '../../core/types.js';

export function chatCtx(overrides: Partial<TransformContext> = {}): TransformContext {
  return {
    endpoint: 'chatComplete',
    options: { provider: 'google', apiKey: 'AIza-test-key' },
    stream: false,
    strictOpenAiCompliance: true,
    ...overrides,
  };
}

export function streamCtx(overrides: Partial<StreamContext> = {}): StreamContext {
  return { ...chatCtx({ stream: true }), id: 'google-1700000000000', model: 'gemini-2.0-flash', created: 1700000000, ...overrides };
}

/** Splits SSE text into events the way the gateway's SSE reader does (blank-line separated, `data:` lines joined). */
export function parseSse(text: string): StreamEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((block) => {
      const lines = block.split(/\r?\n/);
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
      const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
      return data.length > 0 ? { ...(event ? { event } : {}), data: data.join('\n') } : undefined;
    })
    .filter((e): e is StreamEvent => e !== undefined);
}
