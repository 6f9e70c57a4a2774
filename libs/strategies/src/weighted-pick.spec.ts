import fc from 'fast-check';
import { FakeExecutor, config, context, resultOf } from './__fixtures__/fake-executor.js';
import { createRouter } from './router.js';
import { hashToUnit, pickWeighted, sumWeights } from './weighted-pick.js';

/** A small seeded PRNG (mulberry32), so property runs are reproducible from fast-check's seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weightsArb = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.double({ min: 0.05, max: 5, noNaN: true })), {
  minLength: 1,
  maxLength: 6,
}).filter((ws) => ws.some((w) => w > 0));

describe('pickWeighted', () => {
  it('property: 10,000 draws land within 2% of the weights, and weight 0 is never chosen', () => {
    fc.assert(
      fc.property(weightsArb, fc.integer(), (weights, seed) => {
        const random = mulberry32(seed);
        const total = sumWeights(weights);
        const counts = weights.map(() => 0);
        const DRAWS = 10_000;
        for (let i = 0; i < DRAWS; i++) counts[pickWeighted(weights, total, random())]++;
        weights.forEach((w, i) => {
          if (w === 0) expect(counts[i]).toBe(0);
          expect(Math.abs(counts[i] / DRAWS - w / total)).toBeLessThan(0.02);
        });
      }),
      { numRuns: 100, seed: 20_240_601 },
    );
  });

  it('property: any u in [0, 1) picks a target with a positive weight', () => {
    fc.assert(
      fc.property(weightsArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (weights, u) => {
        const i = pickWeighted(weights, sumWeights(weights), u);
        expect(weights[i]).toBeGreaterThan(0);
      }),
    );
  });

  it('returns -1 when nothing has weight', () => {
    expect(pickWeighted([0, 0], 0, 0.5)).toBe(-1);
  });
});

describe('sticky hashing', () => {
  it('maps a value to the same point every time', () => {
    fc.assert(fc.property(fc.string(), (s) => expect(hashToUnit(s)).toBe(hashToUnit(s))));
  });

  it('maps into [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const u = hashToUnit(s);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
      }),
    );
  });

  it('spreads 10,000 users across targets within 2% of the weights', () => {
    const weights = [1, 3, 0, 6];
    const total = sumWeights(weights);
    const counts = weights.map(() => 0);
    for (let i = 0; i < 10_000; i++) counts[pickWeighted(weights, total, hashToUnit(`user-${i}`))]++;
    weights.forEach((w, i) => expect(Math.abs(counts[i] / 10_000 - w / total)).toBeLessThan(0.02));
  });

  it('routes a user to the same target through the router, whatever the random source says', () => {
    const cfg = config({
      strategy: { mode: 'loadbalance', sticky_key: 'params.user' },
      targets: [{ provider: 'a' }, { provider: 'b', weight: 2 }, { provider: 'c' }],
    });
    const executor = new FakeExecutor(() => 200);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (user, r) => {
        const first = resultOf(createRouter({ random: () => r }).route(cfg, context({ params: { user } }), executor)).target.path;
        const again = resultOf(createRouter({ random: () => 1 - r / 2 }).route(cfg, context({ params: { user } }), executor)).target.path;
        expect(again).toBe(first);
      }),
    );
  });
});
