import { Badge, Group, Paper, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { type Cell, sideBySide } from './side-by-side-diff';

const BG: Record<string, string | undefined> = {
  removed: 'var(--mantine-color-red-light)',
  added: 'var(--mantine-color-green-light)',
};
const MARK: Record<string, string> = { removed: '−', added: '+', same: ' ' };

function CellView({ cell }: { cell: Cell }) {
  const style: CSSProperties = { background: cell ? BG[cell.kind] : 'var(--mantine-color-default-hover)', whiteSpace: 'pre-wrap', wordBreak: 'break-all', padding: '0 8px', verticalAlign: 'top' };
  if (!cell) return <td style={style} colSpan={2} aria-hidden />;
  return (
    <>
      <td style={{ ...style, width: 36, color: 'var(--mantine-color-dimmed)', textAlign: 'right', userSelect: 'none' }}>{cell.line}</td>
      <td style={style} data-kind={cell.kind}>
        <span aria-hidden style={{ userSelect: 'none', opacity: 0.6 }}>
          {MARK[cell.kind]}{' '}
        </span>
        {cell.text}
      </td>
    </>
  );
}

/** Side-by-side diff of two config versions (pretty-printed JSON). */
export function ConfigDiff({ before, after, beforeLabel, afterLabel }: { before: string; after: string; beforeLabel: string; afterLabel: string }) {
  const { rows, added, removed } = sideBySide(before, after);
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} data-testid="config-diff">
      <Group justify="space-between" px="sm" py={6} bg="var(--mantine-color-default-hover)">
        <Text size="sm" fw={600}>
          {beforeLabel} → {afterLabel}
        </Text>
        <Group gap={6}>
          <Badge color="green" variant="light">
            +{added}
          </Badge>
          <Badge color="red" variant="light">
            −{removed}
          </Badge>
        </Group>
      </Group>
      <div className="table-scroll">
        <table className="mono" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', minWidth: 560, fontSize: 12, lineHeight: 1.6 }}>
          <colgroup>
            <col style={{ width: 36 }} />
            <col />
            <col style={{ width: 36 }} />
            <col />
          </colgroup>
          <thead className="visually-hidden-head">
            <tr>
              <th colSpan={2} style={{ textAlign: 'left', padding: '2px 8px', fontWeight: 600 }}>
                {beforeLabel}
              </th>
              <th colSpan={2} style={{ textAlign: 'left', padding: '2px 8px', fontWeight: 600 }}>
                {afterLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <CellView cell={row.left} />
                <CellView cell={row.right} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {added === 0 && removed === 0 && (
        <Text size="sm" c="dimmed" p="sm">
          The two versions are identical.
        </Text>
      )}
    </Paper>
  );
}
