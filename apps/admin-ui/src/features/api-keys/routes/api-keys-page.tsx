import { Button, Paper } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-modal';
import { IconPlus, IconTicket } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import type { ApiKey, CreatedApiKey } from '../../../lib/contract';
import { useCan } from '../../../lib/permissions';
import { useWorkspaceId } from '../../../lib/workspace';
import { useApiKeys, useRevokeApiKey } from '../api/api-keys';
import { ApiKeysTable } from '../components/api-keys-table';
import { CreateApiKeyModal } from '../components/create-api-key-modal';
import { KeyRevealModal } from '../components/key-reveal-modal';

export default function ApiKeysPage() {
  const ws = useWorkspaceId();
  const canCreateAdmin = useCan('admin-keys:manage');
  const keys = useApiKeys(ws);
  const revoke = useRevokeApiKey(ws);
  const [creating, { open, close }] = useDisclosure();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const newButton = (
    <Button leftSection={<IconPlus width={16} />} onClick={open}>
      New API key
    </Button>
  );

  let body;
  if (keys.isPending) body = <LoadingRows />;
  else if (keys.isError) body = <ErrorState error={keys.error} onRetry={() => keys.refetch()} title="Could not load API keys" />;
  else if (keys.data.length === 0) {
    body = (
      <EmptyPanel icon={<IconTicket />} title="No API keys yet" action={newButton}>
        Apps send an API key in <span className="mono">x-portkey-api-key</span> to use this workspace’s virtual keys and configs.
      </EmptyPanel>
    );
  } else {
    body = (
      <Paper withBorder radius="md">
        <ApiKeysTable keys={keys.data} onRevoke={setRevoking} />
      </Paper>
    );
  }

  return (
    <>
      <PageHeader title="API keys" description="Keys for apps calling the gateway, and admin keys for automation. Shown once, stored hashed." actions={keys.data?.length ? newButton : undefined} />
      {body}
      <CreateApiKeyModal workspaceId={ws} opened={creating} canCreateAdmin={canCreateAdmin} onClose={close} onCreated={setCreated} />
      <KeyRevealModal created={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke API key"
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      >
        Apps using <b>{revoking?.name}</b> ({revoking?.hint}) will be refused from now on. This cannot be undone.
      </ConfirmModal>
    </>
  );
}
