import { Button, Center, Group, Paper, Switch, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { IconList } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { useWorkspaceId } from '../../../lib/workspace';
import { useLogSearch } from '../api/logs';
import { LogDetailDrawer } from '../components/log-detail-drawer';
import { LogFilterBar } from '../components/log-filter-bar';
import { readFilters, toSearchQuery, writeFilters } from '../components/log-filters';
import { LogsTable } from '../components/logs-table';

export default function LogsPage() {
  const ws = useWorkspaceId();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const live = params.get('live') === '1';
  const openLog = params.get('log');
  // Recomputed only when the filters change, so the window's start (and the cache key) is stable.
  const query = useMemo(() => toSearchQuery(filters), [JSON.stringify(filters)]); // eslint-disable-line react-hooks/exhaustive-deps
  const search = useLogSearch(ws, query, live);
  const rows = search.data?.pages.flatMap((p) => p.data) ?? [];

  const set = (patch: Record<string, string | undefined>) => setParams((p) => writeFilters(p, patch), { replace: true });

  let body;
  if (search.isPending) body = <LoadingRows rows={8} />;
  else if (search.isError) body = <ErrorState error={search.error} onRetry={() => search.refetch()} title="Could not load request logs" />;
  else if (rows.length === 0) {
    body = (
      <EmptyPanel icon={<IconList />} title="No requests match">
        Widen the time range or clear filters. Requests appear here a second or two after they finish.
      </EmptyPanel>
    );
  } else {
    body = (
      <Paper withBorder radius="md">
        <LogsTable rows={rows} onOpen={(id) => setParams((p) => writeFilters(p, { log: id }))} />
        <Center p="sm">
          {search.hasNextPage ? (
            <Button variant="default" size="xs" loading={search.isFetchingNextPage} onClick={() => search.fetchNextPage()}>
              Load more
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {rows.length} request{rows.length === 1 ? '' : 's'} · end of results
            </Text>
          )}
        </Center>
      </Paper>
    );
  }

  return (
    <>
      <PageHeader
        title="Logs"
        description="Every request through the gateway, newest first."
        actions={
          <Group gap="sm">
            <Switch label="Live" checked={live} onChange={(e) => set({ live: e.currentTarget.checked ? '1' : undefined })} aria-label="Live refresh" />
            <Button variant="default" size="xs" onClick={() => search.refetch()} loading={search.isRefetching && !search.isFetchingNextPage}>
              Refresh
            </Button>
          </Group>
        }
      />
      <LogFilterBar filters={filters} onChange={set} />
      {body}
      <LogDetailDrawer workspaceId={ws} logId={openLog} onClose={() => set({ log: undefined })} />
    </>
  );
}
