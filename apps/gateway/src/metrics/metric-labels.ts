/**
 * Label values with bounded cardinality: every value comes from a closed set (registered
 * providers, the endpoint enum, HTTP statuses, models the price table knows, capped), never from
 * what a caller typed. No trace ids, keys or free text ever become a label.
 */
import { normalizeModel, type PricingTable } from '../control-plane/request-logs/pricing.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';

/** Distinct model labels kept before every further model folds into `other`. */
const MAX_MODELS = 200;

export class MetricLabels {
  private readonly models = new Map<string, string>();

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly pricing: PricingTable,
  ) {}

  provider(id: string | undefined): string {
    return id && this.providers.has(id) ? id : 'unknown';
  }

  /** A model the price table knows, normalised (`openai/gpt-4o` → `gpt-4o`); anything else is `other`. */
  model(provider: string | undefined, model: string | undefined): string {
    if (!model) return 'none';
    const key = `${provider ?? ''}\u0000${model}`;
    const known = this.models.get(key);
    if (known) return known;
    let label = 'other';
    if (this.pricing.priceOf(provider, model) && this.models.size < MAX_MODELS) label = normalizeModel(model).slice(0, 64);
    // Unknown names are not remembered (a caller could fill the map with them); known ones are.
    if (label !== 'other') this.models.set(key, label);
    return label;
  }

  status(status: number, clientGone: boolean): string {
    // nginx's 499: the client closed the connection before an answer was written.
    if (status === 0 && clientGone) return '499';
    return status >= 100 && status <= 599 ? String(status) : '0';
  }
}
