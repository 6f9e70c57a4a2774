import { Badge, Button, Center, Code, Paper, Table, Text } from '@mantine/core';
import { IconShield } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useWorkspaceId } from '../../../lib/workspace';
import { useAuditLog } from '../api/audit';

export default function AuditPage() {
  const ws = useWorkspaceId();
  const audit = useAuditLog(ws);
  const rows = audit.data?.pages.flatMap((p) => p.data) ?? [];

  let body;
  if (audit.isPending) body = <LoadingRows rows={8} />;
  else if (audit.isError) body = <ErrorState error={audit.error} onRetry={() => audit.refetch()} title="Could not load the audit log" />;
  else if (rows.length === 0) body = <EmptyPanel icon={<IconShield />} title="Nothing recorded yet">Every change to keys, configs and members appears here.</EmptyPanel>;
  else {
    body = (
      <Paper withBorder radius="md">
        <div className="table-scroll">
          {/* Phones: when (with who under it) and what; who and the details get columns from tablet width. */}
          <Table verticalSpacing="sm" miw={{ base: 0, sm: 720 }} aria-label="Audit log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th visibleFrom="sm">Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th visibleFrom="sm">Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td title={formatDateTime(row.createdAt)}>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatRelative(row.createdAt)}
                    </Text>
                    <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ overflowWrap: 'anywhere' }}>
                      {row.actorLabel ?? row.actorId ?? row.actorType}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {row.actorLabel ?? row.actorId ?? row.actorType}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {row.actorType.replace('_', ' ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={row.action.endsWith('delete') || row.action.endsWith('revoke') ? 'red' : 'indigo'}>
                      {row.action}
                    </Badge>
                    <Text size="xs" c="dimmed" className="mono" style={{ overflowWrap: 'anywhere' }}>
                      {row.targetId ?? row.targetType}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    {row.details ? <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(row.details)}</Code> : '–'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <Center p="sm">
          {audit.hasNextPage ? (
            <Button variant="default" size="xs" loading={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()}>
              Load more
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              End of the audit log
            </Text>
          )}
        </Center>
      </Paper>
    );
  }
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, and when. Secrets are never recorded." />
      {body}
    </>
  );
}
