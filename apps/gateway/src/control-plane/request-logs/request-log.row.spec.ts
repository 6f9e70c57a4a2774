import { PricingTable } from './pricing.js';
import { bodyJson, MAX_BODY_CHARS, toRequestLogRow } from './request-log.row.js';

const base = {
  createdAt: new Date('2026-01-01T00:00:00Z'),
  traceId: 't',
  method: 'POST',
  path: '/v1/chat/completions',
  status: 200,
  latencyMs: 12.6,
  retryCount: -1,
  stream: false,
};

describe('toRequestLogRow', () => {
  it('adds cost, rounds numbers, keeps -1 retries and drops non-UUID ids', () => {
    const row = toRequestLogRow(
      { ...base, provider: 'openai', model: 'gpt-4o', promptTokens: 1000, completionTokens: 100, workspaceId: 'nope', apiKeyId: 'also-not' },
      new PricingTable(),
    );
    expect(row.costUsd).toBeCloseTo(0.0035, 10);
    expect(row.latencyMs).toBe(13);
    expect(row.retryCount).toBe(-1);
    expect(row.workspaceId).toBeUndefined();
    expect(row.apiKeyId).toBeUndefined();
  });
});

describe('cost from billed units', () => {
  it('prices a provider that bills other counts than it processed (Cohere) on its billed units, and stores the processed counts', () => {
    const row = toRequestLogRow(
      { ...base, provider: 'cohere', model: 'command-r', promptTokens: 215, completionTokens: 10, billedPromptTokens: 17, billedCompletionTokens: 8 },
      new PricingTable(),
    );
    // command-r: $0.15 in, $0.60 out per million: 17 × 0.15 + 8 × 0.6 = 7.35 µ$.
    expect(row.costUsd).toBeCloseTo(0.00000735, 10);
    expect(row.promptTokens).toBe(215);
    expect(row.completionTokens).toBe(10);
  });
});

describe('bodyJson', () => {
  it('parses JSON text, keeps other text, truncates huge bodies', () => {
    expect(bodyJson('{"a":1}')).toEqual({ a: 1 });
    expect(bodyJson('data: x')).toBe('data: x');
    const huge = bodyJson({ text: 'x'.repeat(MAX_BODY_CHARS + 10) }) as { truncated: boolean; text: string };
    expect(huge.truncated).toBe(true);
    expect(huge.text).toHaveLength(MAX_BODY_CHARS);
    expect(bodyJson(undefined)).toBeUndefined();
  });
});
