import { Badge, Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmModal } from '../../../components/confirm-modal';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, LoadingRows } from '../../../components/query-states';
import type { Config } from '../../../lib/contract';
import { paths } from '../../../lib/paths';
import { useCan } from '../../../lib/permissions';
import { useWorkspaceId } from '../../../lib/workspace';
import { useConfig, useDeleteConfig, useUpdateConfig } from '../api/configs';
import { LazyConfigEditor } from '../components/lazy-config-editor';
import { ProblemList } from '../components/problem-list';
import { RestoreModal } from '../components/restore-modal';
import { SaveError } from '../components/save-error';
import { Snippets } from '../components/snippets';
import { useConfigDraft } from '../components/use-config-draft';
import { VersionHistory } from '../components/version-history';

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function ConfigEditorPanel({ workspaceId, config, canEdit }: { workspaceId: string; config: Config; canEdit: boolean }) {
  const update = useUpdateConfig(workspaceId, config.id);
  const draft = useConfigDraft(pretty(config.config));
  const saved = pretty(config.config);
  const dirty = draft.text !== saved;
  const canSave = canEdit && dirty && draft.value !== undefined && draft.problems.length === 0 && !draft.stale;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Version {config.currentVersion} {dirty && <Badge size="xs" color="yellow" variant="light">unsaved changes</Badge>}
          </Text>
          {canEdit && (
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={!dirty} onClick={() => draft.setText(saved)}>
                Discard
              </Button>
              <Button size="xs" disabled={!canSave} loading={update.isPending} onClick={() => draft.value && update.mutate({ config: draft.value })}>
                Save as version {config.currentVersion + 1}
              </Button>
            </Group>
          )}
        </Group>
        <LazyConfigEditor value={draft.text} onChange={canEdit ? draft.setText : undefined} readOnly={!canEdit} height="420px" />
        <ProblemList problems={draft.problems} />
        {update.error && <SaveError error={update.error} />}
      </Stack>
    </Paper>
  );
}

export default function ConfigPage() {
  const ws = useWorkspaceId();
  const { configId = '' } = useParams();
  const canEdit = useCan('configs:write');
  const config = useConfig(ws, configId);
  const remove = useDeleteConfig(ws);
  const navigate = useNavigate();
  const [comparing, setComparing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState(false);

  if (config.isPending) return <LoadingRows rows={8} />;
  if (config.isError) return <ErrorState error={config.error} onRetry={() => config.refetch()} title="Could not load this config" />;
  const c = config.data;

  return (
    <>
      <PageHeader
        title={c.name}
        description={<span className="mono">{c.id}</span>}
        actions={
          <>
            <Button component={Link} to={`${paths.playground(ws)}?config=${encodeURIComponent(c.id)}`} variant="default" size="xs">
              Try in playground
            </Button>
            {canEdit && (
              <Button variant="subtle" color="red" size="xs" onClick={() => setDeleting(true)}>
                Delete config
              </Button>
            )}
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {/* Keyed by version: after a save or restore the editor starts from the new current text. */}
          <Stack>
            <ConfigEditorPanel key={c.currentVersion} workspaceId={ws} config={c} canEdit={canEdit} />
            <Snippets configId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <VersionHistory config={c} canRestore={canEdit} onCompare={setComparing} />
        </Grid.Col>
      </Grid>
      <RestoreModal workspaceId={ws} config={c} version={comparing} canRestore={canEdit} onClose={() => setComparing(null)} />
      <ConfirmModal
        opened={deleting}
        title="Delete config"
        confirmLabel="Delete config"
        typeToConfirm={c.id}
        loading={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate(c.id, { onSuccess: () => navigate(paths.configs(ws), { replace: true }) })}
      >
        Requests sending <b>{c.id}</b> will fail once it is deleted, and all {c.versions.length} versions are removed.
      </ConfirmModal>
    </>
  );
}
