/**
 * Shadow traffic: how the configs that shadow part of their traffic compare with their shadow
 * config on the same live requests. Shadows are set in a config (`shadow`), not here.
 */
import { Code } from '@mantine/core';
import { IconChart } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { useWorkspaceId } from '../../../lib/workspace';
import { useComparison } from '../api/shadow';
import { ComparisonTables } from '../components/comparison-table';

const EXAMPLE = '"shadow": { "config_id": "pc-candidate-1a2b3c", "sample_rate": 0.1 }';

export default function ShadowPage() {
  const ws = useWorkspaceId();
  const comparison = useComparison(ws, { source: 'shadow' });

  let body;
  if (comparison.isPending) body = <LoadingRows rows={6} />;
  else if (comparison.isError) body = <ErrorState error={comparison.error} onRetry={() => comparison.refetch()} title="Could not load the shadow comparison" />;
  else if (!comparison.data.total) {
    body = (
      <EmptyPanel icon={<IconChart />} title="No shadow traffic yet" action={<Code>{EXAMPLE}</Code>}>
        Add a shadow to a saved config, and that share of its requests is also sent, in the background, to another config. Clients only ever get the primary's answer.
      </EmptyPanel>
    );
  } else body = <ComparisonTables report={comparison.data} otherName="shadow" />;

  return (
    <>
      <PageHeader title="Shadow traffic" description="Live requests answered by the primary config, also sent to its shadow: errors, latency, cost and agreement side by side." />
      {body}
    </>
  );
}
