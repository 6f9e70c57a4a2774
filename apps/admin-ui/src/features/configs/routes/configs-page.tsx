import { Badge, Button, Paper, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { Can } from '../../../components/can';
import { CopyButton } from '../../../components/copy-button';
import { IconPlus, IconRoute } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '../../../components/query-states';
import { formatRelative } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useWorkspaceId } from '../../../lib/workspace';
import { useConfigs } from '../api/configs';

export default function ConfigsPage() {
  const ws = useWorkspaceId();
  const configs = useConfigs(ws);
  const navigate = useNavigate();
  const newButton = (
    <Can permission="configs:write">
      <Button component={Link} to={paths.newConfig(ws)} leftSection={<IconPlus width={16} />}>
        New config
      </Button>
    </Can>
  );

  let body;
  if (configs.isPending) body = <LoadingRows />;
  else if (configs.isError) body = <ErrorState error={configs.error} onRetry={() => configs.refetch()} title="Could not load configs" />;
  else if (configs.data.length === 0) {
    body = (
      <EmptyPanel icon={<IconRoute />} title="No configs yet" action={newButton}>
        A saved config holds routing (fallbacks, load balancing, retries, conditions) under a <span className="mono">pc-…</span> id that apps send in{' '}
        <span className="mono">x-portkey-config</span>. Every save is a version you can restore.
      </EmptyPanel>
    );
  } else {
    body = (
      <Paper withBorder radius="md" className="table-scroll">
        <Table verticalSpacing="sm" highlightOnHover miw={560} aria-label="Configs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Id</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {configs.data.map((c) => (
              <Table.Tr key={c.id} className="clickable-row" onClick={() => navigate(paths.config(ws, c.id))}>
                <Table.Td>
                  <Text component={Link} to={paths.config(ws, c.id)} fw={500} size="sm" c="inherit" onClick={(e) => e.stopPropagation()}>
                    {c.name}
                  </Text>
                </Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <span className="mono">{c.id}</span> <CopyButton value={c.id} label="Copy id" compact />
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">v{c.currentVersion}</Badge>
                </Table.Td>
                <Table.Td>{formatRelative(c.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    );
  }

  return (
    <>
      <PageHeader title="Configs" description="Routing configs, versioned. Apps refer to them by id." actions={configs.data?.length ? newButton : undefined} />
      {body}
    </>
  );
}
