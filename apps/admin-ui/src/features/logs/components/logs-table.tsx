import { Table, Text } from '@mantine/core';
import { formatCost, formatCount, formatMs, formatTime } from '../../../lib/format';
import type { LogEntry } from '../../../lib/contract';
import { StatusBadge } from './status-badge';

/** Rows open the detail drawer (click or Enter). */
export function LogsTable({ rows, onOpen }: { rows: LogEntry[]; onOpen: (id: string) => void }) {
  return (
    <div className="table-scroll">
      {/* Phones keep time, status, provider, latency and cost; the rest is in the detail drawer. */}
      <Table verticalSpacing={6} fz="sm" miw={{ base: 0, sm: 900 }} aria-label="Request logs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Provider / model</Table.Th>
            <Table.Th visibleFrom="sm">Config</Table.Th>
            <Table.Th visibleFrom="sm">Virtual key</Table.Th>
            <Table.Th ta="right">Latency</Table.Th>
            <Table.Th ta="right" visibleFrom="sm">Tokens</Table.Th>
            <Table.Th ta="right">Cost</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.id}
              className="clickable-row"
              tabIndex={0}
              onClick={() => onOpen(row.id)}
              onKeyDown={(e) => e.key === 'Enter' && onOpen(row.id)}
              data-testid="log-row"
              aria-label={`Request ${row.traceId}, status ${row.status}`}
            >
              <Table.Td title={row.createdAt}>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatTime(row.createdAt)}
                </Text>
                <Text size="xs" c="dimmed">
                  {new Date(row.createdAt).toLocaleDateString()}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={row.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.provider ?? '–'}</Text>
                <Text size="xs" c="dimmed" className="mono">
                  {row.model ?? row.path}
                </Text>
              </Table.Td>
              <Table.Td className="mono" visibleFrom="sm">{row.configId ? `${row.configId} v${row.configVersion ?? '?'}` : '–'}</Table.Td>
              <Table.Td className="mono" visibleFrom="sm">{row.virtualKeySlug ?? '–'}</Table.Td>
              <Table.Td ta="right">{formatMs(row.latencyMs)}</Table.Td>
              <Table.Td ta="right" visibleFrom="sm">{row.promptTokens === null && row.completionTokens === null ? '–' : formatCount((row.promptTokens ?? 0) + (row.completionTokens ?? 0))}</Table.Td>
              <Table.Td ta="right">{formatCost(row.costUsd)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
