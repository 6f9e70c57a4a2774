import { Alert, Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-modal';
import { IconAlert, IconChart, IconPlus } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { errorMessage } from '../../../lib/api-error';
import type { UsageLimit } from '../../../lib/contract';
import { useCan } from '../../../lib/permissions';
import { useWorkspaceId } from '../../../lib/workspace';
import { useLimitTargets, useLimitUsage, useLimits, useRemoveLimit } from '../api/limits';
import { LimitCard, scopeTitle } from '../components/limit-card';
import { LimitFormModal } from '../components/limit-form-modal';

/** Rate limits and budgets of the workspace, its keys and configs, each against what is used now. */
export default function LimitsPage() {
  const ws = useWorkspaceId();
  const canWrite = useCan('limits:write');
  const limits = useLimits(ws);
  const usage = useLimitUsage(ws);
  const targets = useLimitTargets(ws);
  const remove = useRemoveLimit(ws);
  const [formOpened, form] = useDisclosure();
  const [editing, setEditing] = useState<UsageLimit | null>(null);
  const [removing, setRemoving] = useState<UsageLimit | null>(null);

  const openNew = () => {
    setEditing(null);
    form.open();
  };
  const newButton = canWrite ? (
    <Button leftSection={<IconPlus width={16} />} onClick={openNew}>
      Set limits
    </Button>
  ) : undefined;

  let body;
  if (limits.isPending) body = <LoadingRows />;
  else if (limits.isError) body = <ErrorState error={limits.error} onRetry={() => limits.refetch()} title="Could not load limits" />;
  else if (limits.data.length === 0) {
    body = (
      <EmptyPanel icon={<IconChart />} title="No limits yet" action={newButton}>
        Cap requests and tokens per minute, concurrent requests, and spend per day or month, for the workspace, a gateway API key, a virtual key or a saved config.
      </EmptyPanel>
    );
  } else {
    const byId = new Map((usage.data ?? []).map((u) => [u.limitId, u]));
    body = (
      <Stack>
        {usage.isError && (
          <Alert color="orange" variant="light" icon={<IconAlert />} role="alert" title="Current usage is unavailable">
            {errorMessage(usage.error)}
          </Alert>
        )}
        {limits.data.map((limit) => (
          <LimitCard
            key={limit.id}
            limit={limit}
            usage={byId.get(limit.id)}
            targets={targets.data}
            canWrite={canWrite}
            onEdit={() => {
              setEditing(limit);
              form.open();
            }}
            onRemove={() => setRemoving(limit)}
          />
        ))}
        <Text size="xs" c="dimmed">
          Usage refreshes every few seconds. Requests and tokens count the last minute (tokens are estimates until an answer reports its usage); costs count the UTC day and month.
        </Text>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader title="Limits and budgets" description="Rate limits and cost budgets, enforced by every gateway process, and what is used of them now." actions={limits.data?.length ? newButton : undefined} />
      {body}
      <LimitFormModal workspaceId={ws} opened={formOpened} editing={editing} targets={targets.data} onClose={form.close} />
      <ConfirmModal
        opened={removing !== null}
        title="Remove limits"
        confirmLabel="Remove limits"
        loading={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
      >
        {removing && scopeTitle(removing, targets.data).title} will no longer be limited.
      </ConfirmModal>
    </>
  );
}
