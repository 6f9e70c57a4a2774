import type { Endpoint, ProviderAdapter } from './core/types.js';
import { PROVIDERS } from './registry.js';

/** Human names of the endpoints, in the order the README lists them. */
const ENDPOINT_LABELS: [Endpoint, string][] = [
  ['chatComplete', 'chat'],
  ['complete', 'completions'],
  ['embed', 'embeddings'],
  ['imageGenerate', 'images'],
  ['imageEdit', 'image edits'],
  ['createSpeech', 'speech'],
  ['createTranscription', 'transcriptions'],
  ['createTranslation', 'translations'],
  ['moderate', 'moderations'],
  ['rerank', 'rerank'],
  ['messages', 'messages'],
  ['responses', 'responses'],
  ['listModels', 'models'],
];

/** A provider's base URL as documentation shows it: some depend on per-target options (region, resource). */
function describeBase(provider: ProviderAdapter): string {
  try {
    const base = provider.baseUrl({ provider: provider.id });
    return base ? `\`${base}\`` : 'custom host required';
  } catch {
    return 'built from the target\'s options (region, resource, account)';
  }
}

/** Start and end markers of the generated table in README.md. */
export const TABLE_START = '<!-- provider-table:start (generated from the registry: npm run providers:table) -->';
export const TABLE_END = '<!-- provider-table:end -->';

/**
 * The README's provider table, rendered from the registry itself so the documentation can never
 * disagree with the code (a test fails when README.md is stale).
 */
export function renderProviderTable(): string {
  const rows = [...PROVIDERS.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((p) => {
      // Providers without a unified endpoint are still reachable, through the /v1/* passthrough.
      const endpoints = ENDPOINT_LABELS.filter(([e]) => p.endpoints[e]).map(([, label]) => label).join(', ') || 'passthrough only (`/v1/*`)';
      return `| \`${p.id}\` | ${p.displayName} | ${endpoints} | ${describeBase(p)} |`;
    });
  return [
    TABLE_START,
    `${PROVIDERS.size} providers.`,
    '',
    '| id (`x-portkey-provider`) | provider | endpoints | base URL (`custom_host` replaces it) |',
    '| --- | --- | --- | --- |',
    ...rows,
    TABLE_END,
  ].join('\n');
}
