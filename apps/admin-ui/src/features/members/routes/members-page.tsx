import { Avatar, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Can } from '../../../components/can';
import { ConfirmModal } from '../../../components/confirm-modal';
import { IconPlus } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, LoadingRows } from '../../../components/query-states';
import type { Member, Role } from '../../../lib/contract';
import { formatDateTime } from '../../../lib/format';
import { useCan } from '../../../lib/permissions';
import { useWorkspaceId } from '../../../lib/workspace';
import { useChangeRole, useMembers, useRemoveMember } from '../api/members';
import { AddMemberModal } from '../components/add-member-modal';
import { ROLE_OPTIONS } from '../components/roles';

export default function MembersPage() {
  const ws = useWorkspaceId();
  const canManage = useCan('members:manage');
  const members = useMembers(ws);
  const changeRole = useChangeRole(ws);
  const remove = useRemoveMember(ws);
  const [adding, { open, close }] = useDisclosure();
  const [removing, setRemoving] = useState<Member | null>(null);

  let body;
  if (members.isPending) body = <LoadingRows />;
  else if (members.isError) body = <ErrorState error={members.error} onRetry={() => members.refetch()} title="Could not load members" />;
  else {
    body = (
      <Paper withBorder radius="md" className="table-scroll">
        <Table verticalSpacing="sm" miw={560} aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Member since</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.map((m) => (
              <Table.Tr key={m.userId}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar radius="xl" size={30} color="indigo">
                      {m.email.slice(0, 2).toUpperCase()}
                    </Avatar>
                    <div>
                      <Text size="sm" fw={500}>
                        {m.name ?? m.email}
                      </Text>
                      {m.name && (
                        <Text size="xs" c="dimmed">
                          {m.email}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {canManage ? (
                    <Select
                      size="xs"
                      w={130}
                      aria-label={`Role of ${m.email}`}
                      data={ROLE_OPTIONS.map((r) => ({ value: r.value, label: r.label }))}
                      value={m.role}
                      allowDeselect={false}
                      onChange={(role) => role && role !== m.role && changeRole.mutate({ userId: m.userId, role: role as Role })}
                    />
                  ) : (
                    <Text size="sm">{m.role}</Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  {canManage && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(m)}>
                      Remove
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    );
  }

  return (
    <>
      <PageHeader
        title="Members"
        description="People in this workspace and what their role lets them do. The server enforces every role."
        actions={
          <Can permission="members:manage">
            <Button leftSection={<IconPlus width={16} />} onClick={open}>
              Add member
            </Button>
          </Can>
        }
      />
      {body}
      <AddMemberModal workspaceId={ws} opened={adding} onClose={close} />
      <ConfirmModal
        opened={removing !== null}
        title="Remove member"
        confirmLabel="Remove"
        loading={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.userId, { onSuccess: () => setRemoving(null) })}
      >
        {removing?.email} loses access to this workspace at once.
      </ConfirmModal>
    </>
  );
}
