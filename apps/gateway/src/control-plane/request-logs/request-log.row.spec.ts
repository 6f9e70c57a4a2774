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
