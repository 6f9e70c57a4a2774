/**
 * Shadow traffic: how the configs that shadow part of their traffic compare with their shadow
 * config on the same live requests. Shadows are set in a config (`shadow`), not here.
 */
import { Code, Group, SegmentedControl, Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { IconChart } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { useWorkspaceId } from '../../../lib/workspace';
import { useComparison, useConfigChoices } from '../api/shadow';
import { ComparisonTables } from '../components/comparison-table';

const EXAMPLE = '"shadow": { "config_id": "pc-candidate-1a2b3c", "sample_rate": 0.1 }';
const PERIODS = [
  { value: '1', label: '24 hours' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: 'all', label: 'All' },
];

/** Which config and period to compare, kept in the URL (`?config=…&days=…`). */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const configId = params.get('config') ?? undefined;
  const days = params.get('days') ?? 'all';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  // Whole minutes, so the query key (and its cache) does not change on every render.
  const from = days === 'all' ? undefined : new Date(Math.floor(Date.now() / 60_000) * 60_000 - Number(days) * 86_400_000).toISOString();
  return { configId, days, from, set };
}

export default function ShadowPage() {
  const ws = useWorkspaceId();
  const filters = useFilters();
  const configs = useConfigChoices(ws);
  const comparison = useComparison(ws, { source: 'shadow', configId: filters.configId, from: filters.from });

  let body;
  if (comparison.isPending) body = <LoadingRows rows={6} />;
  else if (comparison.isError) body = <ErrorState error={comparison.error} onRetry={() => comparison.refetch()} title="Could not load the shadow comparison" />;
  else if (!comparison.data.total && (filters.configId || filters.from)) {
    body = <EmptyPanel icon={<IconChart />} title="No shadow traffic for this config and period">Pick another config or a longer period.</EmptyPanel>;
  } else if (!comparison.data.total) {
    body = (
      <EmptyPanel icon={<IconChart />} title="No shadow traffic yet" action={<Code>{EXAMPLE}</Code>}>
        Add a shadow to a saved config, and that share of its requests is also sent, in the background, to another config. Clients only ever get the primary's answer.
      </EmptyPanel>
    );
  } else body = <ComparisonTables report={comparison.data} otherName="shadow" />;

  return (
    <>
      <PageHeader title="Shadow traffic" description="Live requests answered by the primary config, also sent to its shadow: errors, latency, cost and agreement side by side." />
      <Group mb="md" align="flex-end">
        <Select
          label="Primary config"
          placeholder="every config"
          clearable
          w={300}
          data={(configs.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }))}
          value={filters.configId ?? null}
          onChange={(value) => filters.set('config', value)}
        />
        <SegmentedControl aria-label="Period" data={PERIODS} value={filters.days} onChange={(value) => filters.set('days', value)} />
      </Group>
      {body}
    </>
  );
}
