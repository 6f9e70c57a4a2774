import { compileQuery } from './conditions.js';
import { context } from './__fixtures__/fake-executor.js';
import { RouterError } from './router-error.js';
import type { RouteContext } from './router.types.js';

const ctx: RouteContext = context({
  metadata: { plan: 'paid', tier: '3', region: 'eu-west', tags: ['a', 'b'] },
  params: { model: 'gpt-4o-mini', temperature: 0.2, stream: true },
  url: { pathname: '/v1/chat/completions' },
});

describe('compileQuery', () => {
  it.each([
    [{ 'metadata.plan': 'paid' }, true],
    [{ 'metadata.plan': 'free' }, false],
    [{ 'metadata.plan': { $eq: 'paid' } }, true],
    [{ 'metadata.plan': { $ne: 'paid' } }, false],
    [{ 'metadata.missing': { $ne: 'x' } }, true],
    [{ 'metadata.tier': { $gt: 2 } }, true],
    [{ 'metadata.tier': { $gt: '3' } }, false],
    [{ 'metadata.tier': { $gte: 3 } }, true],
    [{ 'metadata.tier': { $lt: 3.5 } }, true],
    [{ 'metadata.tier': { $lte: 2 } }, false],
    [{ 'metadata.missing': { $lt: 10 } }, false],
    [{ 'params.temperature': { $lt: 0.5, $gt: 0.1 } }, true],
    [{ 'params.model': { $in: ['gpt-4o', 'gpt-4o-mini'] } }, true],
    [{ 'params.model': { $nin: ['gpt-4o', 'gpt-4o-mini'] } }, false],
    [{ 'params.model': { $regex: '^gpt-4o' } }, true],
    [{ 'params.model': { $regex: 'claude' } }, false],
    [{ 'metadata.missing': { $regex: 'undefined' } }, false],
    [{ 'params.stream': true }, true],
    [{ 'metadata.tags': { $length: 2 } }, true],
    [{ 'metadata.tags': { $length: { $gt: 2 } } }, false],
    [{ 'url.pathname': '/v1/chat/completions' }, true],
    [{ 'url.pathname': { $regex: 'embeddings$' } }, false],
    [{ $or: [{ 'metadata.plan': 'free' }, { 'metadata.region': { $regex: '^eu-' } }] }, true],
    [{ $and: [{ 'metadata.plan': 'paid' }, { 'params.model': 'gpt-4o' }] }, false],
    [{ $and: [{ 'metadata.plan': 'paid' }, { $or: [{ 'params.model': 'gpt-4o' }, { 'metadata.tier': { $gte: 3 } }] }] }, true],
    // Every key must hold (the reference returns early after $or; we do not ignore later keys).
    [{ $or: [{ 'metadata.plan': 'paid' }], 'params.model': 'other' }, false],
    // Two levels only, as the reference: "metadata.a.b" reads metadata["a"].
    [{ 'metadata.plan.x': 'paid' }, true],
    // Own properties only: no reaching into prototypes.
    [{ 'metadata.constructor': { $ne: undefined } }, false],
  ])('%j → %p', (query, expected) => {
    expect(compileQuery(query)(ctx)).toBe(expected);
  });

  it('throws a RouterError for an operator the schema would have rejected', () => {
    expect(() => compileQuery({ 'metadata.plan': { $like: 'p' } })(ctx)).toThrow(RouterError);
  });
});
