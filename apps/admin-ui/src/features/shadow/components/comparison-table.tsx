/**
 * One comparison report as tables: the total, then per config pair and per model pair. Each row
 * sets the primary beside the other config (shadow or replay): error rate, p50/p95/p99 latency,
 * cost, and how much their answers agreed.
 */
import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatCost, formatMs } from '../../../lib/format';
import type { ComparisonReport, ComparisonRow } from '../../../lib/contract';

const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.1 ? 1 : 0)}%`;

function Agreement({ row }: { row: ComparisonRow }) {
  if (row.agreement === null) return <Text size="sm" c="dimmed">no text to compare</Text>;
  const color = row.agreement >= 0.8 ? 'teal' : row.agreement >= 0.5 ? 'yellow' : 'red';
  return (
    <Badge variant="light" color={color} title={`mean token-set similarity over ${row.comparedAnswers} answer pairs`}>
      {percent(row.agreement)}
    </Badge>
  );
}

function PairTable({ label, rows, otherName }: { label: string; rows: ComparisonRow[]; otherName: string }) {
  return (
    <div className="table-scroll">
      <Table verticalSpacing="xs" miw={760} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Primary → {otherName}</Table.Th>
            <Table.Th>Requests</Table.Th>
            <Table.Th>Errors</Table.Th>
            <Table.Th>p50</Table.Th>
            <Table.Th>p95</Table.Th>
            <Table.Th>p99</Table.Th>
            <Table.Th>Cost</Table.Th>
            <Table.Th>Agreement</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.primary} ${row.shadow}`}>
              <Table.Td>
                <Text size="sm" className="mono">{row.primary ?? 'all'}</Text>
                <Text size="xs" c="dimmed" className="mono">→ {row.shadow ?? 'all'}</Text>
              </Table.Td>
              <Table.Td>{row.requests}</Table.Td>
              <Side a={percent(row.primaryStats.errorRate)} b={percent(row.shadowStats.errorRate)} />
              <Side a={formatMs(row.primaryStats.p50LatencyMs)} b={formatMs(row.shadowStats.p50LatencyMs)} />
              <Side a={formatMs(row.primaryStats.p95LatencyMs)} b={formatMs(row.shadowStats.p95LatencyMs)} />
              <Side a={formatMs(row.primaryStats.p99LatencyMs)} b={formatMs(row.shadowStats.p99LatencyMs)} />
              <Side a={formatCost(row.primaryStats.costUsd)} b={formatCost(row.shadowStats.costUsd)} />
              <Table.Td>
                <Agreement row={row} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** The primary's figure above the other config's. */
function Side({ a, b }: { a: string; b: string }) {
  return (
    <Table.Td>
      <Text size="sm">{a}</Text>
      <Text size="xs" c="dimmed">{b}</Text>
    </Table.Td>
  );
}

export function ComparisonTables({ report, otherName }: { report: ComparisonReport; otherName: string }) {
  return (
    <Stack gap="lg">
      {report.total && (
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="xs">In total</Title>
          <PairTable label="Total" rows={[report.total]} otherName={otherName} />
        </Paper>
      )}
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="xs">Per config</Title>
        <PairTable label="Per config" rows={report.byConfig} otherName={otherName} />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="xs">Per model</Title>
        <PairTable label="Per model" rows={report.byModel} otherName={otherName} />
      </Paper>
    </Stack>
  );
}
