import { Button, Paper } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Can } from '../../../components/can';
import { ConfirmModal } from '../../../components/confirm-modal';
import { IconKey, IconPlus } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import type { VirtualKey } from '../../../lib/contract';
import { useCan } from '../../../lib/permissions';
import { useWorkspaceId } from '../../../lib/workspace';
import { useDeleteVirtualKey, useUpdateVirtualKey, useVirtualKeys, useVirtualKeyUsage } from '../api/virtual-keys';
import { CreateVirtualKeyModal } from '../components/create-virtual-key-modal';
import { RotateModal } from '../components/rotate-modal';
import { VirtualKeysTable } from '../components/virtual-keys-table';

export default function VirtualKeysPage() {
  const ws = useWorkspaceId();
  const canManage = useCan('virtual-keys:write');
  const keys = useVirtualKeys(ws);
  const usage = useVirtualKeyUsage(ws);
  const update = useUpdateVirtualKey(ws);
  const remove = useDeleteVirtualKey(ws);
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure();
  const [rotating, setRotating] = useState<VirtualKey | null>(null);
  const [deleting, setDeleting] = useState<VirtualKey | null>(null);

  const newButton = (
    <Can permission="virtual-keys:write">
      <Button leftSection={<IconPlus width={16} />} onClick={openCreate}>
        New virtual key
      </Button>
    </Can>
  );

  let body;
  if (keys.isPending) body = <LoadingRows />;
  else if (keys.isError) body = <ErrorState error={keys.error} onRetry={() => keys.refetch()} title="Could not load virtual keys" />;
  else if (keys.data.length === 0) {
    body = (
      <EmptyPanel icon={<IconKey />} title="No virtual keys yet" action={newButton}>
        A virtual key stores a provider credential encrypted. Apps and configs refer to it by slug and never see the secret.
      </EmptyPanel>
    );
  } else {
    body = (
      <Paper withBorder radius="md">
        <VirtualKeysTable
          workspaceId={ws}
          keys={keys.data}
          usage={usage.data}
          canManage={canManage}
          onToggle={(key) => update.mutate({ slug: key.slug, body: { enabled: !key.enabled } })}
          onRotate={setRotating}
          onDelete={setDeleting}
        />
      </Paper>
    );
  }

  return (
    <>
      <PageHeader
        title="Virtual keys"
        description="Provider credentials, stored encrypted and referred to by slug. Rotation keeps the slug."
        actions={keys.data?.length ? newButton : undefined}
      />
      {body}
      <CreateVirtualKeyModal
        workspaceId={ws}
        opened={creating}
        onClose={closeCreate}
        onCreated={(key) => notifications.show({ color: 'teal', title: 'Virtual key created', message: `Use it as ${key.slug}` })}
      />
      <RotateModal workspaceId={ws} virtualKey={rotating} onClose={() => setRotating(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete virtual key"
        confirmLabel="Delete key"
        typeToConfirm={deleting?.slug}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.slug, { onSuccess: () => setDeleting(null) })}
      >
        Requests and configs that use <b>{deleting?.slug}</b> will fail once it is deleted. This cannot be undone.
      </ConfirmModal>
    </>
  );
}
