import { Paper, SimpleGrid, Text } from '@mantine/core';
import { formatCost, formatCount, formatMs, formatPercent } from '../../../lib/format';
import type { Usage } from '../../../lib/contract';

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={650} mt={4} data-testid={`kpi-${label.toLowerCase().replace(/\W+/g, '-')}`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function KpiCards({ totals }: { totals: Usage['totals'] }) {
  const tokens = totals.promptTokens + totals.completionTokens;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      <Kpi label="Requests" value={formatCount(totals.requests)} />
      <Kpi label="Error rate" value={formatPercent(totals.errors, totals.requests)} hint={`${formatCount(totals.errors)} failed`} />
      <Kpi label="Latency p50 / p95" value={`${formatMs(totals.p50LatencyMs)}`} hint={`p95 ${formatMs(totals.p95LatencyMs)}`} />
      <Kpi label="Tokens" value={formatCount(tokens)} hint={`${formatCount(totals.promptTokens)} in · ${formatCount(totals.completionTokens)} out`} />
      <Kpi label="Cost" value={formatCost(totals.costUsd)} />
    </SimpleGrid>
  );
}
