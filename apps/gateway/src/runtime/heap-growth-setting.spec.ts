import { DEFAULT_HEAP_GROWTH_PERCENT, heapGrowthPercent } from './heap-growth-setting.js';

describe('GATEWAY_HEAP_GROWTH_PERCENT', () => {
  it('defaults to a fixed growth when unset or empty', () => {
    expect(heapGrowthPercent({})).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
    expect(heapGrowthPercent({ GATEWAY_HEAP_GROWTH_PERCENT: '' })).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
  });

  it('takes 0 (V8 decides) up to 300', () => {
    expect(heapGrowthPercent({ GATEWAY_HEAP_GROWTH_PERCENT: '0' })).toBe(0);
    expect(heapGrowthPercent({ GATEWAY_HEAP_GROWTH_PERCENT: '50' })).toBe(50);
    expect(heapGrowthPercent({ GATEWAY_HEAP_GROWTH_PERCENT: '300' })).toBe(300);
  });

  it.each(['-1', '301', '12.5', 'lots'])('names the bad value %s', (raw) => {
    expect(heapGrowthPercent({ GATEWAY_HEAP_GROWTH_PERCENT: raw })).toBe(
      `GATEWAY_HEAP_GROWTH_PERCENT must be an integer from 0 (V8's own heuristic) to 300, got "${raw}"`,
    );
  });
});
