import { Alert, Button, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { errorMessage } from '../../../lib/api-error';
import { paths } from '../../../lib/paths';
import { useCan } from '../../../lib/permissions';
import { useCurrentWorkspace } from '../../../lib/workspace';
import { useCreateWorkspace, useUpdateWorkspace } from '../api/workspaces';

/** Owners: rename the workspace, switch body logging, create another workspace. */
export default function SettingsPage() {
  const workspace = useCurrentWorkspace()!;
  const update = useUpdateWorkspace(workspace.id);
  const create = useCreateWorkspace();
  const canCreate = useCan('workspace:create');
  const navigate = useNavigate();
  const [name, setName] = useState(workspace.name);
  const [newName, setNewName] = useState('');

  return (
    <>
      <PageHeader title="Workspace settings" description="Name and request-body logging of this workspace." />
      <Stack maw={720}>
        <Paper withBorder radius="md" p="md">
          <Stack>
            <Group align="flex-end">
              <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
              <Button disabled={!name.trim() || name.trim() === workspace.name} loading={update.isPending && update.variables?.name !== undefined} onClick={() => update.mutate({ name: name.trim() })}>
                Rename
              </Button>
            </Group>
            <Switch
              label="Log request and response bodies"
              description="Bodies hold prompts and answers: they appear in the logs’ detail drawer for everyone who can read logs."
              checked={workspace.logBodies}
              onChange={(e) => update.mutate({ logBodies: e.currentTarget.checked })}
            />
          </Stack>
        </Paper>
        {canCreate && (
          <Paper withBorder radius="md" p="md">
            <Title order={4} fz={16}>
              New workspace
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              A separate tenant: its own keys, configs, logs and members. You become its owner.
            </Text>
            {create.error && (
              <Alert color="red" variant="light" mb="sm" role="alert">
                {errorMessage(create.error)}
              </Alert>
            )}
            <Group align="flex-end">
              <TextInput label="Name" placeholder="Staging" value={newName} onChange={(e) => setNewName(e.currentTarget.value)} style={{ flex: 1 }} />
              <Button
                variant="default"
                disabled={!newName.trim()}
                loading={create.isPending}
                onClick={() => create.mutate({ name: newName.trim() }, { onSuccess: (created) => navigate(paths.overview(created.id)) })}
              >
                Create workspace
              </Button>
            </Group>
          </Paper>
        )}
      </Stack>
    </>
  );
}
