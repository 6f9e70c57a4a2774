import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderProviderTable, TABLE_END, TABLE_START } from './catalog.js';
import { PROVIDERS } from './registry.js';

describe('provider catalog', () => {
  it('README.md carries the table generated from the registry (run `npm run providers:table` when this fails)', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start, end + TABLE_END.length)).toBe(renderProviderTable());
  });

  /** Vector databases, 3D generators and SageMaker endpoints: relayed, never translated. */
  const PASSTHROUGH_ONLY = ['meshy', 'milvus', 'qdrant', 'sagemaker', 'tripo3d'];

  it('registers every provider once, each serving at least one endpoint unless it is passthrough-only', () => {
    for (const [id, provider] of PROVIDERS) {
      expect(provider.id).toBe(id);
      if (!PASSTHROUGH_ONLY.includes(id)) expect(Object.keys(provider.endpoints).length).toBeGreaterThan(0);
    }
    expect([...PROVIDERS.values()].filter((p) => Object.keys(p.endpoints).length === 0).map((p) => p.id).sort()).toEqual(PASSTHROUGH_ONLY);
  });
});
