/**
 * Two texts as aligned rows for a side-by-side view: unchanged lines face each other, a changed
 * block puts removed lines on the left opposite added lines on the right. Pure (tested alone).
 */
import { diffLines } from 'diff';

export type Cell = { line: number; text: string; kind: 'same' | 'removed' | 'added' } | null;
export interface Row {
  left: Cell;
  right: Cell;
}

const lines = (value: string) => {
  const parts = value.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
};

export function sideBySide(before: string, after: string): { rows: Row[]; added: number; removed: number } {
  const rows: Row[] = [];
  let l = 1;
  let r = 1;
  let added = 0;
  let removed = 0;
  let pendingRemoved: string[] = [];
  const flush = (addedLines: string[] = []) => {
    const n = Math.max(pendingRemoved.length, addedLines.length);
    for (let i = 0; i < n; i++) {
      const left = i < pendingRemoved.length ? { line: l++, text: pendingRemoved[i]!, kind: 'removed' as const } : null;
      const right = i < addedLines.length ? { line: r++, text: addedLines[i]!, kind: 'added' as const } : null;
      rows.push({ left, right });
    }
    pendingRemoved = [];
  };
  for (const part of diffLines(before, after)) {
    const text = lines(part.value);
    if (part.removed) {
      removed += text.length;
      pendingRemoved.push(...text);
    } else if (part.added) {
      added += text.length;
      flush(text);
    } else {
      flush();
      for (const t of text) rows.push({ left: { line: l++, text: t, kind: 'same' }, right: { line: r++, text: t, kind: 'same' } });
    }
  }
  flush();
  return { rows, added, removed };
}
