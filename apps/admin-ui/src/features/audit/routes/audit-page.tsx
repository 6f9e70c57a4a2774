import { Badge, Button, Center, Code, Paper, Table, Text } from '@mantine/core';
import { IconShield } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { formatDateTime } from '../../../lib/format';
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
          <Table verticalSpacing="sm" miw={720} aria-label="Audit log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.createdAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.actorLabel ?? row.actorId ?? row.actorType}</Text>
                    <Text size="xs" c="dimmed">
                      {row.actorType.replace('_', ' ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={row.action.endsWith('delete') || row.action.endsWith('revoke') ? 'red' : 'indigo'}>
                      {row.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="mono">{row.targetId ?? row.targetType}</Table.Td>
                  <Table.Td>{row.details ? <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(row.details)}</Code> : '–'}</Table.Td>
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
