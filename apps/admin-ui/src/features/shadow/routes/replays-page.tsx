/**
 * Replays: send logged requests (those logged with bodies) again to another config, at a bounded
 * rate, and compare. The page reads top to bottom: start a replay, the jobs with their progress,
 * and the selected job's report (`?job=<id>` in the URL, so it survives a reload).
 */
import { Badge, Button, Group, NumberInput, Paper, Progress, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Can } from '../../../components/can';
import { IconPlay } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import type { Replay } from '../../../lib/contract';
import { formatRelative } from '../../../lib/format';
import { useWorkspaceId } from '../../../lib/workspace';
import { useCancelReplay, useConfigChoices, useReplay, useReplays, useStartReplay } from '../api/shadow';
import { ComparisonTables } from '../components/comparison-table';

const STATUS_COLOR: Record<string, string> = { running: 'indigo', queued: 'indigo', completed: 'teal', cancelled: 'gray', failed: 'red' };

function StartReplayForm({ ws }: { ws: string }) {
  const configs = useConfigChoices(ws);
  const start = useStartReplay(ws);
  const [, setParams] = useSearchParams();
  const [target, setTarget] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [model, setModel] = useState('');
  const [limit, setLimit] = useState<number | string>(500);
  const [rate, setRate] = useState<number | string>(10);
  const choices = (configs.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }));

  return (
    <Paper withBorder radius="md" p="md" component="form" aria-label="Start a replay" onSubmit={(e) => {
      e.preventDefault();
      if (!target) return;
      start.mutate(
        { targetConfigId: target, filter: { ...(source ? { configId: source } : {}), ...(model ? { model } : {}) }, limit: Number(limit), ratePerSecond: Number(rate) },
        { onSuccess: (job) => setParams({ job: job.id }) },
      );
    }}>
      <Title order={4} mb="xs">Start a replay</Title>
      <Text size="sm" c="dimmed" mb="sm">Only requests logged with their bodies can be replayed. Replays skip the cache, count against no limit or budget, and never reach the request log.</Text>
      <Group align="flex-end" wrap="wrap">
        <Select label="Replay against" placeholder="a saved config" data={choices} value={target} onChange={setTarget} searchable required w={260} />
        <Select label="Logged with config" placeholder="any config" data={choices} value={source} onChange={setSource} clearable w={260} />
        <TextInput label="Model" placeholder="any model" value={model} onChange={(e) => setModel(e.currentTarget.value)} w={160} />
        <NumberInput label="At most" min={1} max={5000} value={limit} onChange={setLimit} w={110} />
        <NumberInput label="Per second" min={1} max={100} value={rate} onChange={setRate} w={110} />
        <Button type="submit" leftSection={<IconPlay />} loading={start.isPending} disabled={!target}>
          Start replay
        </Button>
      </Group>
    </Paper>
  );
}

function JobRow({ job, selected, onSelect }: { job: Replay; selected: boolean; onSelect: () => void }) {
  const ws = useWorkspaceId();
  const cancel = useCancelReplay(ws);
  const running = job.status === 'running' || job.status === 'queued';
  return (
    <Table.Tr bg={selected ? 'var(--mantine-color-default-hover)' : undefined}>
      <Table.Td>
        <Text size="sm" className="mono">{job.targetConfigId}</Text>
        <Text size="xs" c="dimmed">{formatRelative(job.createdAt)} · {job.ratePerSecond}/s</Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={STATUS_COLOR[job.status] ?? 'gray'}>{job.status}</Badge>
      </Table.Td>
      <Table.Td miw={180}>
        <Progress value={job.total ? (job.done / job.total) * 100 : 100} aria-label={`Progress of replay ${job.id}`} />
        <Text size="xs" c="dimmed">
          {job.done} of {job.total} done{job.failed ? `, ${job.failed} failed` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={onSelect}>Report</Button>
          {running && (
            <Can permission="configs:write">
              <Button size="xs" color="red" variant="light" loading={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
                Cancel
              </Button>
            </Can>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function ReplayReport({ ws, id }: { ws: string; id: string }) {
  const replay = useReplay(ws, id);
  if (replay.isPending) return <LoadingRows rows={4} />;
  if (replay.isError) return <ErrorState error={replay.error} onRetry={() => replay.refetch()} title="Could not load the replay" />;
  const { report } = replay.data;
  return (
    <Stack gap="sm">
      <Title order={3}>Report: {replay.data.done} of {replay.data.total} replayed ({replay.data.status})</Title>
      {report.total ? <ComparisonTables report={report} otherName="replay" /> : <Text c="dimmed" size="sm">No request has been replayed yet.</Text>}
    </Stack>
  );
}

export default function ReplaysPage() {
  const ws = useWorkspaceId();
  const replays = useReplays(ws);
  const [params, setParams] = useSearchParams();
  const selected = params.get('job');

  let jobs;
  if (replays.isPending) jobs = <LoadingRows rows={4} />;
  else if (replays.isError) jobs = <ErrorState error={replays.error} onRetry={() => replays.refetch()} title="Could not load replays" />;
  else if (replays.data.length === 0) {
    jobs = (
      <EmptyPanel icon={<IconPlay />} title="No replays yet">
        Replay last week's logged requests against another config to see what they would have cost, how fast and how alike the answers would have been.
      </EmptyPanel>
    );
  } else {
    jobs = (
      <Paper withBorder radius="md">
        <div className="table-scroll">
          <Table verticalSpacing="sm" miw={640} aria-label="Replays">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Against</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Progress</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {replays.data.map((job) => (
                <JobRow key={job.id} job={job} selected={job.id === selected} onSelect={() => setParams({ job: job.id })} />
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Paper>
    );
  }

  return (
    <>
      <PageHeader title="Replays" description="Logged requests sent again to another config, at a bounded rate, compared with what they got." />
      <Stack gap="lg">
        <Can permission="configs:write">
          <StartReplayForm ws={ws} />
        </Can>
        {jobs}
        {selected && <ReplayReport ws={ws} id={selected} />}
      </Stack>
    </>
  );
}

