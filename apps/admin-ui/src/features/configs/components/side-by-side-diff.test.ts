import { describe, expect, it } from 'vitest';
import { sideBySide } from './side-by-side-diff';

describe('sideBySide', () => {
  it('faces a changed line with its replacement and keeps unchanged lines aligned', () => {
    const before = '{\n  "mode": "fallback",\n  "retry": 1\n}\n';
    const after = '{\n  "mode": "loadbalance",\n  "retry": 1\n}\n';
    const { rows, added, removed } = sideBySide(before, after);
    expect({ added, removed }).toEqual({ added: 1, removed: 1 });
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual({
      left: { line: 2, text: '  "mode": "fallback",', kind: 'removed' },
      right: { line: 2, text: '  "mode": "loadbalance",', kind: 'added' },
    });
    expect(rows[2]!.left).toEqual({ line: 3, text: '  "retry": 1', kind: 'same' });
  });

  it('leaves a gap opposite lines that exist on one side only', () => {
    const { rows } = sideBySide('a\nb\n', 'a\nb\nc\nd\n');
    expect(rows.slice(2)).toEqual([
      { left: null, right: { line: 3, text: 'c', kind: 'added' } },
      { left: null, right: { line: 4, text: 'd', kind: 'added' } },
    ]);
  });
});
