/** Cost of a request from its token counts and the pricing table. Pure; the log writer calls it off the hot path. */
import { readFileSync } from 'node:fs';
import { DEFAULT_PRICING, type ModelPrice, type PricingTableData } from './pricing.table.js';

export interface TokenUsage {
  promptTokens?: number;
  completionTokens?: number;
  cachedTokens?: number;
}

/** Reduces `openai/gpt-4o`, `us.anthropic.claude-3-5-sonnet-20241022-v2:0` and similar to the bare model name. */
export function normalizeModel(model: string): string {
  const bare = model.trim().toLowerCase().split('/').pop() ?? '';
  // Bedrock ids: `<region>.<vendor>.<model>` or `<vendor>.<model>`.
  return bare.replace(/^(?:[a-z]{2}\.)?(?:anthropic|meta|mistral|cohere|amazon|ai21|deepseek|openai)\./, '');
}

function matches(model: string, key: string): boolean {
  if (!model.startsWith(key)) return false;
  const next = model.charAt(key.length);
  return next === '' || next === '-' || next === '@' || next === ':';
}

export class PricingTable {
  private readonly models: [string, ModelPrice][];
  private readonly providers: Map<string, [string, ModelPrice][]>;
  private readonly memo = new Map<string, ModelPrice | null>();

  constructor(data: PricingTableData = DEFAULT_PRICING) {
    const byLengthDesc = (table: Record<string, ModelPrice>) =>
      Object.entries(table)
        .map(([key, price]) => [key.toLowerCase(), price] as [string, ModelPrice])
        .sort((a, b) => b[0].length - a[0].length);
    this.models = byLengthDesc(data.models);
    this.providers = new Map(Object.entries(data.providers ?? {}).map(([p, table]) => [p, byLengthDesc(table)]));
  }

  /** The default table, with a JSON file's entries (same shape) layered on top. */
  static load(file?: string): PricingTable {
    if (!file) return new PricingTable();
    const extra = JSON.parse(readFileSync(file, 'utf8')) as Partial<PricingTableData>;
    const providers: Record<string, Record<string, ModelPrice>> = { ...DEFAULT_PRICING.providers };
    for (const [provider, table] of Object.entries(extra.providers ?? {})) {
      providers[provider] = { ...providers[provider], ...table };
    }
    return new PricingTable({ models: { ...DEFAULT_PRICING.models, ...extra.models }, providers });
  }

  priceOf(provider: string | undefined, model: string | undefined): ModelPrice | undefined {
    if (!model) return undefined;
    const memoKey = `${provider ?? ''}\u0000${model}`;
    let price = this.memo.get(memoKey);
    if (price === undefined) {
      const name = normalizeModel(model);
      const find = (table: [string, ModelPrice][] | undefined) => table?.find(([key]) => matches(name, key))?.[1];
      price = find(provider ? this.providers.get(provider) : undefined) ?? find(this.models) ?? null;
      if (this.memo.size > 5_000) this.memo.clear();
      this.memo.set(memoKey, price);
    }
    return price ?? undefined;
  }

  /** USD, or undefined when the model is unknown or no tokens were reported. */
  cost(provider: string | undefined, model: string | undefined, usage: TokenUsage): number | undefined {
    const price = this.priceOf(provider, model);
    if (!price || (usage.promptTokens === undefined && usage.completionTokens === undefined)) return undefined;
    const prompt = usage.promptTokens ?? 0;
    const cached = Math.min(usage.cachedTokens ?? 0, prompt);
    const usd =
      ((prompt - cached) * price.input + cached * (price.cachedInput ?? price.input) + (usage.completionTokens ?? 0) * price.output) /
      1_000_000;
    return Math.round(usd * 1e8) / 1e8;
  }
}
