import { Alert, Button, Grid, Group, JsonInput, NumberInput, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel } from '../../../components/query-states';
import type { DryRunBody } from '../../../lib/contract';
import { useWorkspaceId } from '../../../lib/workspace';
import { useConfigs } from '../api/configs';
import { useDryRun } from '../api/playground';
import { LazyConfigEditor } from '../components/lazy-config-editor';
import { ProblemList } from '../components/problem-list';
import { RouteResult } from '../components/route-result';
import { SaveError } from '../components/save-error';
import { SendPanel } from '../components/send-panel';
import { STARTER_CONFIG, useConfigDraft } from '../components/use-config-draft';

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] }, null, 2);

/** A JSON object from a text field, or the reason it is not one. */
function parseObject(text: string, name: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return { value: {} };
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: `${name} must be a JSON object` };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { error: `${name} is not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * Shows the route a request would take through a saved or draft config (targets in order,
 * weights, retries, timeouts, the condition that matched), computed by the gateway's routing
 * engine without calling any provider.
 */
export default function PlaygroundPage() {
  const ws = useWorkspaceId();
  const [params, setParams] = useSearchParams();
  const configs = useConfigs(ws);
  const dryRun = useDryRun(ws);
  const [chosen, setSource] = useState<'saved' | 'draft'>(params.has('draft') ? 'draft' : 'saved');
  // Without saved configs, the draft editor is the only useful start.
  const source = configs.isSuccess && configs.data.length === 0 ? 'draft' : chosen;
  const configId = params.get('config') ?? configs.data?.[0]?.id ?? null;
  const draft = useConfigDraft(STARTER_CONFIG);
  const [body, setBody] = useState(BODY);
  const [metadata, setMetadata] = useState('{\n  "user_id": "u-123"\n}');
  const [headers, setHeaders] = useState('{}');
  const [failureStatus, setFailureStatus] = useState<number | string>(503);

  const parsed = { body: parseObject(body, 'Body'), metadata: parseObject(metadata, 'Metadata'), headers: parseObject(headers, 'Headers') };
  const draftReady = source === 'draft' ? draft.value !== undefined && draft.problems.length === 0 : configId !== null;
  const ready = draftReady && !parsed.body.error && !parsed.metadata.error && !parsed.headers.error;

  const sendable =
    ready
      ? {
          path: '/v1/chat/completions',
          body: parsed.body.value ?? {},
          metadata: parsed.metadata.value,
          headers: Object.fromEntries(Object.entries(parsed.headers.value ?? {}).map(([k, v]) => [k, String(v)])),
          config: source === 'draft' ? JSON.stringify(draft.value) : (configId ?? ''),
        }
      : null;

  const run = () => {
    const request = {
      body: parsed.body.value ?? {},
      metadata: parsed.metadata.value,
      headers: Object.fromEntries(Object.entries(parsed.headers.value ?? {}).map(([k, v]) => [k, String(v)])),
    };
    const config: Pick<DryRunBody, 'config' | 'configId'> = source === 'draft' ? { config: draft.value } : { configId: configId ?? undefined };
    dryRun.mutate({ ...config, request, failureStatus: Number(failureStatus) || undefined });
  };

  return (
    <>
      <PageHeader title="Playground" description="See the route a request would take through a config: a dry run of the gateway’s routing engine, with no provider called." />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder radius="md" p="md">
            <Stack>
              <SegmentedControl
                value={source}
                onChange={(v) => setSource(v as 'saved' | 'draft')}
                data={[
                  { value: 'saved', label: 'Saved config' },
                  { value: 'draft', label: 'Draft' },
                ]}
              />
              {source === 'saved' ? (
                <Select
                  label="Config"
                  data={(configs.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.id}, v${c.currentVersion})` }))}
                  value={configId}
                  onChange={(id) => setParams((p) => (id ? p.set('config', id) : p.delete('config'), p), { replace: true })}
                  placeholder={configs.isPending ? 'Loading…' : 'Pick a config'}
                  searchable
                  allowDeselect={false}
                />
              ) : (
                <>
                  <LazyConfigEditor value={draft.text} onChange={draft.setText} height="220px" />
                  <ProblemList problems={draft.problems} />
                </>
              )}
              <JsonInput label="Request body" value={body} onChange={setBody} autosize minRows={4} maxRows={12} error={parsed.body.error} classNames={{ input: 'mono' }} />
              <JsonInput label="Metadata (x-portkey-metadata)" value={metadata} onChange={setMetadata} autosize minRows={2} error={parsed.metadata.error} classNames={{ input: 'mono' }} />
              <JsonInput
                label="Headers"
                description='e.g. {"x-portkey-request-timeout": "5000"}'
                value={headers}
                onChange={setHeaders}
                autosize
                minRows={2}
                error={parsed.headers.error}
                classNames={{ input: 'mono' }}
              />
              <NumberInput label="Simulated failure status" description="What every call answers in the “if everything fails” run" value={failureStatus} onChange={setFailureStatus} min={400} max={599} w={220} />
              <Group justify="flex-end">
                <Button onClick={run} disabled={!ready} loading={dryRun.isPending}>
                  Dry run
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {dryRun.error ? (
            <SaveError error={dryRun.error} />
          ) : dryRun.data ? (
            <RouteResult result={dryRun.data} />
          ) : (
            <EmptyPanel title="No dry run yet">
              Pick a config, adjust the request, and run it: the route, each decision and the calls if every target failed appear here.
            </EmptyPanel>
          )}
          {dryRun.data && (
            <Text size="xs" c="dimmed" mt="xs">
              Seed {dryRun.data.seed} (loadbalance draws and backoff waits are samples).
            </Text>
          )}
          <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
            <SendPanel request={sendable} disabled={!ready} />
          </div>
        </Grid.Col>
      </Grid>
      {source === 'saved' && configs.isError && (
        <Alert color="red" mt="md">
          Could not load the configs.
        </Alert>
      )}
    </>
  );
}
