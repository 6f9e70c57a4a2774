import { Alert, Code, Divider, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { ErrorState, LoadingRows } from '../../../components/query-states';
import { formatCost, formatCount, formatDateTime, formatMs } from '../../../lib/format';
import type { LogDetail } from '../../../lib/contract';
import { useLogDetail } from '../api/logs';
import { LogAttempts } from './log-attempts';
import { StatusBadge } from './status-badge';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children ?? '–'}
      </Text>
    </div>
  );
}

function Json({ value }: { value: unknown }) {
  return (
    <Code block style={{ maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

function Detail({ log }: { log: LogDetail }) {
  return (
    <Stack gap="md">
      <Group gap="xs">
        <StatusBadge status={log.status} />
        <Text className="mono" size="sm">
          {log.method} {log.path}
        </Text>
      </Group>
      {log.errorMessage && (
        <Alert color="red" variant="light" title="Error">
          {log.errorMessage}
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="sm">
        <Field label="Time">{formatDateTime(log.createdAt)}</Field>
        <Field label="Trace id">
          <Group gap={4} wrap="nowrap">
            <span className="mono">{log.traceId}</span>
            <CopyButton value={log.traceId} label="Copy trace id" compact />
          </Group>
        </Field>
        <Field label="Provider">{log.provider}</Field>
        <Field label="Model">{log.model}</Field>
        <Field label="Config">{log.configId ? `${log.configId} (version ${log.configVersion})` : null}</Field>
        <Field label="Virtual key">{log.virtualKeySlug}</Field>
        <Field label="Chosen target">{log.targetPath}</Field>
        <Field label="Retries">{log.retryCount}</Field>
      </SimpleGrid>
      {log.attempts && log.attempts.length > 0 && (
        <>
          <Divider label="Attempts" labelPosition="left" />
          <LogAttempts attempts={log.attempts} />
        </>
      )}
      <Divider label="Timings" labelPosition="left" />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Field label="Total">{formatMs(log.latencyMs)}</Field>
        <Field label="First byte">{formatMs(log.ttfbMs)}</Field>
        <Field label="Gateway overhead">{formatMs(log.gatewayOverheadMs)}</Field>
        <Field label="Stream">{log.stream ? 'yes' : 'no'}</Field>
      </SimpleGrid>
      <Divider label="Usage" labelPosition="left" />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Field label="Prompt tokens">{formatCount(log.promptTokens)}</Field>
        <Field label="Completion tokens">{formatCount(log.completionTokens)}</Field>
        <Field label="Cached tokens">{formatCount(log.cachedTokens)}</Field>
        <Field label="Cost">{formatCost(log.costUsd)}</Field>
        <Field label="Cache">{log.cacheStatus}</Field>
        {log.costSavedUsd !== undefined && <Field label="Cost saved by the cache">{formatCost(log.costSavedUsd)}</Field>}
      </SimpleGrid>
      {log.metadata !== null && (
        <>
          <Divider label="Metadata" labelPosition="left" />
          <Json value={log.metadata} />
        </>
      )}
      <Divider label="Bodies" labelPosition="left" />
      {log.requestBody === null && log.responseBody === null ? (
        <Text size="sm" c="dimmed">
          Bodies are not logged for this workspace (an owner can turn body logging on).
        </Text>
      ) : (
        <>
          <Text size="sm" fw={600}>
            Request
          </Text>
          <Json value={log.requestBody} />
          <Text size="sm" fw={600}>
            Response
          </Text>
          <Json value={log.responseBody} />
        </>
      )}
    </Stack>
  );
}

/** One request in full; the id is in the URL (`?log=…`), so the drawer is a deep link too. */
export function LogDetailDrawer({ workspaceId, logId, onClose }: { workspaceId: string; logId: string | null; onClose: () => void }) {
  const detail = useLogDetail(workspaceId, logId);
  return (
    <Drawer opened={logId !== null} onClose={onClose} position="right" size="lg" title={<Title order={4}>Request</Title>}>
      {detail.isPending ? <LoadingRows rows={8} /> : detail.isError ? <ErrorState error={detail.error} title="Could not load this request" /> : <Detail log={detail.data} />}
    </Drawer>
  );
}
