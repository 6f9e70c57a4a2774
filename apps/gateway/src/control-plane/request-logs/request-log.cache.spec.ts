import { PricingTable } from './pricing.js';
import { isCacheHit, toRequestLogRow } from './request-log.row.js';

const entry = {
  createdAt: new Date('2026-01-01T00:00:00Z'),
  traceId: 't',
  method: 'POST',
  path: '/v1/chat/completions',
  status: 200,
  latencyMs: 1,
  retryCount: 0,
  stream: false,
  provider: 'openai',
  model: 'gpt-4o',
  promptTokens: 1000,
  completionTokens: 100,
};

describe('request log rows of cached answers', () => {
  it('a hit costs nothing but keeps the tokens it served (what it saved); a miss is priced', () => {
    const pricing = new PricingTable();
    for (const status of ['HIT', 'SEMANTIC HIT']) {
      const hit = toRequestLogRow({ ...entry, cacheStatus: status }, pricing);
      expect([hit.costUsd, hit.promptTokens, hit.completionTokens, hit.cacheStatus]).toEqual([0, 1000, 100, status]);
    }
    expect(toRequestLogRow({ ...entry, cacheStatus: 'MISS' }, pricing).costUsd).toBeCloseTo(0.0035, 10);
    expect([isCacheHit('MISS'), isCacheHit('REFRESH'), isCacheHit('SEMANTIC MISS'), isCacheHit(null)]).toEqual([false, false, false, false]);
  });
});
