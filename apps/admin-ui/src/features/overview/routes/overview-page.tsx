import { SegmentedControl, SimpleGrid, Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, LoadingRows } from '../../../components/query-states';
import { useCan } from '../../../lib/permissions';
import { useWorkspaceId } from '../../../lib/workspace';
import { useApiKeyNames, useUsage } from '../api/usage';
import { FirstRequestSteps } from '../components/first-request-steps';
import { KpiCards } from '../components/kpi-cards';
import { daysOf, parseRange, RANGES, rangeFor } from '../components/time-range';
import { TopList } from '../components/top-list';
import { toDayPoints, UsageCharts } from '../components/usage-charts';

export default function OverviewPage() {
  const ws = useWorkspaceId();
  const [params, setParams] = useSearchParams();
  const rangeValue = parseRange(params.get('range'));
  const range = rangeFor(rangeValue);
  const byDay = useUsage(ws, range, 'day');
  const providers = useUsage(ws, range, 'provider');
  const models = useUsage(ws, range, 'model');
  const virtualKeys = useUsage(ws, range, 'virtualKey');
  const configs = useUsage(ws, range, 'config');
  const apiKeys = useUsage(ws, range, 'apiKey');
  const keyNames = useApiKeyNames(ws, useCan('api-keys:manage'));

  const picker = (
    <SegmentedControl
      aria-label="Time range"
      size="xs"
      value={rangeValue}
      data={RANGES.map((r) => ({ value: r.value, label: r.label }))}
      onChange={(value) => setParams((p) => (p.set('range', value), p), { replace: true })}
    />
  );

  let body;
  if (byDay.isPending) body = <LoadingRows rows={5} height={120} />;
  else if (byDay.isError) body = <ErrorState error={byDay.error} onRetry={() => byDay.refetch()} title="Could not load usage" />;
  else if (byDay.data.totals.requests === 0) body = <FirstRequestSteps workspaceId={ws} />;
  else {
    const dims = (q: typeof providers) => ({ rows: q.data?.rows, loading: q.isPending });
    body = (
      <Stack gap="md">
        <KpiCards totals={byDay.data.totals} />
        <UsageCharts points={toDayPoints(daysOf(range), byDay.data.rows)} />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TopList title="Top providers" {...dims(providers)} />
          <TopList title="Top models" {...dims(models)} />
          <TopList title="Top virtual keys" {...dims(virtualKeys)} />
          <TopList title="Top configs" {...dims(configs)} />
          <TopList title="Top API keys" {...dims(apiKeys)} label={(k) => (k ? (keyNames.data?.get(k) ?? `${k.slice(0, 8)}…`) : '(no key)')} />
        </SimpleGrid>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader title="Overview" description="Traffic, errors, latency and spend across this workspace (UTC days)." actions={picker} />
      {body}
    </>
  );
}
