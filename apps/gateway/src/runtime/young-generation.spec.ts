import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { HOLD_FLAG, RELEASE_FLAG } from './young-generation.js';

/**
 * What the gateway relies on, checked against this Node's V8 in a fresh process (Jest's own heap
 * has long grown): with HOLD_FLAG set at run time, allocation that survives scavenges does not
 * grow the new space; after RELEASE_FLAG the same allocation grows it towards its maximum.
 */
const script = `
const v8 = require('node:v8');
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const keep = [];
const allocateSurvivors = (n) => { for (let i = 0; i < n; i++) keep.push({ i, s: 'x' + i }); };
v8.setFlagsFromString(${JSON.stringify(HOLD_FLAG)});
allocateSurvivors(50000); // a first scavenge or two: both semi-spaces committed
const atStart = newSpace();
allocateSurvivors(300000);
const held = newSpace();
v8.setFlagsFromString(${JSON.stringify(RELEASE_FLAG)});
allocateSurvivors(300000);
console.log(JSON.stringify({ atStart, held, released: newSpace() }));
`;

describe('young generation held during start-up', () => {
  it('does not grow while held, and grows once released', () => {
    const out = execFileSync(process.execPath, ['--max-semi-space-size=8', '-e', script], { encoding: 'utf8' });
    const { atStart, held, released } = JSON.parse(out) as Record<string, number>;
    expect(held).toBe(atStart);
    expect(released).toBeGreaterThanOrEqual(4 * atStart);
  });
});
