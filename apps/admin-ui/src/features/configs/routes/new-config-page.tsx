import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-error';
import { paths } from '../../../lib/paths';
import { useWorkspaceId } from '../../../lib/workspace';
import { useCreateConfig } from '../api/configs';
import { LazyConfigEditor } from '../components/lazy-config-editor';
import { ProblemList } from '../components/problem-list';
import { SaveError } from '../components/save-error';
import { STARTER_CONFIG, useConfigDraft } from '../components/use-config-draft';

export default function NewConfigPage() {
  const ws = useWorkspaceId();
  const navigate = useNavigate();
  const create = useCreateConfig(ws);
  const draft = useConfigDraft(STARTER_CONFIG);
  const [name, setName] = useState('');
  const nameError = create.error instanceof ApiError && create.error.field === 'name' ? create.error.message : undefined;
  const canSave = name.trim().length > 0 && draft.value !== undefined && draft.problems.length === 0 && !draft.stale;

  const save = () => {
    if (!draft.value) return;
    create.mutate({ name: name.trim(), config: draft.value }, { onSuccess: (config) => navigate(paths.config(ws, config.id), { replace: true }) });
  };

  return (
    <>
      <PageHeader title="New config" description="Write the routing in the gateway’s config language; it is checked as you type." />
      <Paper withBorder radius="md" p="md">
        <Stack>
          <TextInput label="Name" placeholder="prod-chat" value={name} onChange={(e) => setName(e.currentTarget.value)} withAsterisk error={nameError} maw={420} />
          <LazyConfigEditor value={draft.text} onChange={draft.setText} />
          <ProblemList problems={draft.problems} />
          {create.error && !nameError && <SaveError error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(paths.configs(ws))}>
              Cancel
            </Button>
            <Button onClick={save} disabled={!canSave} loading={create.isPending}>
              Save config
            </Button>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
