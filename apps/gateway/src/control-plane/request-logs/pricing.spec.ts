import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeModel, PricingTable } from './pricing.js';

describe('PricingTable', () => {
  const table = new PricingTable();

  it('matches exact names, dated snapshots and the longest key', () => {
    expect(table.priceOf('openai', 'gpt-4o')?.input).toBe(2.5);
    expect(table.priceOf('openai', 'gpt-4o-2024-08-06')?.input).toBe(2.5);
    expect(table.priceOf('openai', 'gpt-4o-mini-2024-07-18')?.input).toBe(0.15);
    expect(table.priceOf('openai', 'gpt-4-0613')?.input).toBe(30);
    expect(table.priceOf('openai', 'gpt-4oops')).toBeUndefined();
    expect(table.priceOf('anthropic', 'claude-3-5-sonnet-20241022')?.output).toBe(15);
  });

  it('understands routed and Bedrock model ids', () => {
    expect(normalizeModel('openai/gpt-4o')).toBe('gpt-4o');
    expect(normalizeModel('us.anthropic.claude-3-5-sonnet-20241022-v2:0')).toBe('claude-3-5-sonnet-20241022-v2:0');
    expect(table.priceOf('bedrock', 'anthropic.claude-3-haiku-20240307-v1:0')?.input).toBe(0.25);
  });

  it('prefers provider-specific prices', () => {
    expect(table.priceOf('groq', 'llama-3.3-70b-versatile')?.input).toBe(0.59);
    expect(table.priceOf('together-ai', 'llama-3.3-70b-versatile')).toBeUndefined();
  });

  it('computes cost with cached prompt tokens at their own price', () => {
    // gpt-4o: 1000 uncached × 2.5 + 1000 cached × 1.25 + 500 out × 10, per million.
    expect(table.cost('openai', 'gpt-4o', { promptTokens: 2000, cachedTokens: 1000, completionTokens: 500 })).toBeCloseTo(0.00875, 10);
    expect(table.cost('openai', 'unknown-model', { promptTokens: 10 })).toBeUndefined();
    expect(table.cost('openai', 'gpt-4o', {})).toBeUndefined();
  });

  it('layers a JSON file over the defaults', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pricing-'));
    const file = path.join(dir, 'pricing.json');
    writeFileSync(file, JSON.stringify({ models: { 'gpt-4o': { input: 1, output: 2 }, 'my-model': { input: 3, output: 4 } } }));
    const custom = PricingTable.load(file);
    rmSync(dir, { recursive: true, force: true });
    expect(custom.priceOf('openai', 'gpt-4o')?.input).toBe(1);
    expect(custom.priceOf('x', 'my-model')?.output).toBe(4);
    expect(custom.priceOf('openai', 'gpt-4o-mini')?.input).toBe(0.15);
  });
});
