import { isDatabaseUnreachable } from './unreachable.js';

describe('isDatabaseUnreachable', () => {
  it('recognises connection failures, also wrapped in causes and aggregate errors', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('start-up failed', { cause: new Error('x', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }) }))).toBe(true);
    expect(isDatabaseUnreachable(new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], 'all addresses failed'))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('does not wait out a wrong password, a missing database or a bad migration', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('database "nope" does not exist'), { code: '3D000' }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});
