import { Alert, Button, Code, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ConfirmModal } from '../../../components/confirm-modal';
import { CopyButton } from '../../../components/copy-button';
import { IconLock, IconPlus } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { errorMessage } from '../../../lib/api-error';
import type { SsoConnection } from '../../../lib/contract';
import { BASENAME, paths } from '../../../lib/paths';
import { useWorkspaceId } from '../../../lib/workspace';
import { useDeleteSsoConnection, useSetPasswordLogin, useSsoConnections, useSsoSettings, useTestSsoConnection } from '../api/sso';
import { ConnectionCard } from '../components/connection-card';
import { ConnectionModal } from '../components/connection-modal';

/** SSO connections of the workspace, their test sign-in, and the password sign-in switch (owners). */
export default function SsoPage() {
  const ws = useWorkspaceId();
  const [params] = useSearchParams();
  const connections = useSsoConnections(ws);
  const settings = useSsoSettings(ws);
  const setPasswordLogin = useSetPasswordLogin(ws);
  const test = useTestSsoConnection(ws);
  const remove = useDeleteSsoConnection(ws);
  const [editing, setEditing] = useState<SsoConnection | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SsoConnection | null>(null);
  const tested = params.get('tested');

  // The test is a real sign-in at the IdP: a full-page redirect that comes back here with ?tested=<id>.
  const startTest = (id: string) =>
    test.mutate(
      { id, returnTo: `${BASENAME}${paths.sso(ws)}` },
      { onSuccess: (start) => start.authorizationUrl && window.location.assign(start.authorizationUrl) },
    );

  let body;
  if (connections.isPending) body = <LoadingRows rows={3} height={120} />;
  else if (connections.isError) body = <ErrorState error={connections.error} onRetry={() => connections.refetch()} title="Could not load SSO connections" />;
  else if (connections.data.connections.length === 0) {
    body = (
      <EmptyPanel icon={<IconLock />} title="No SSO connection yet" action={<Button onClick={() => setEditing('new')}>Add a connection</Button>}>
        Connect Okta, Microsoft Entra ID, Google Workspace, Keycloak or any OpenID Connect provider; people then sign in with it and get the role
        their groups map to.
      </EmptyPanel>
    );
  } else {
    body = (
      <Stack>
        {connections.data.connections.map((c) => (
          <ConnectionCard
            key={c.id}
            connection={c}
            testing={test.isPending && test.variables?.id === c.id}
            onTest={() => startTest(c.id)}
            onEdit={() => setEditing(c)}
            onDelete={() => setDeleting(c)}
          />
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="OpenID Connect connections for this workspace, and whether people may still sign in with a password."
        actions={
          connections.data?.connections.length ? (
            <Button leftSection={<IconPlus width={16} />} onClick={() => setEditing('new')}>
              New connection
            </Button>
          ) : undefined
        }
      />
      <Stack>
        {tested && (
          <Alert color="blue" variant="light">
            Test sign-in finished: its result is shown on the connection below.
          </Alert>
        )}
        {test.data && !test.data.discovery.ok && (
          <Alert color="red" variant="light" title="The identity provider could not be used">
            {test.data.discovery.error?.message}
          </Alert>
        )}
        {test.error && (
          <Alert color="red" variant="light">
            {errorMessage(test.error)}
          </Alert>
        )}
        {connections.data && (
          <Paper withBorder radius="md" p="md">
            <Text size="sm" fw={600}>
              Redirect URI to register at your identity provider
            </Text>
            <Group gap={6} mt={4} wrap="nowrap">
              <Code style={{ overflowWrap: 'anywhere' }}>{connections.data.redirectUri}</Code>
              <CopyButton value={connections.data.redirectUri} label="Copy redirect URI" compact />
            </Group>
          </Paper>
        )}
        {settings.data && (
          <Paper withBorder radius="md" p="md">
            <Switch
              label="Allow password sign-in"
              description={
                settings.data.ssoVerified
                  ? 'Switch off once everyone signs in with SSO. The bootstrap owner keeps a break-glass path (see the README).'
                  : 'Can be switched off once a connection has signed someone in or passed a test.'
              }
              checked={settings.data.passwordLogin}
              disabled={!settings.data.ssoVerified && settings.data.passwordLogin}
              onChange={(e) => setPasswordLogin.mutate(e.currentTarget.checked)}
            />
          </Paper>
        )}
        {body}
      </Stack>
      <ConnectionModal workspaceId={ws} connection={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete SSO connection"
        confirmLabel="Delete connection"
        typeToConfirm={deleting?.name}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        People can no longer sign in with {deleting?.name}. Their accounts and current sessions stay.
      </ConfirmModal>
    </>
  );
}
