import { ActionIcon, Badge, Group, Menu, Skeleton, Switch, Table, Text } from '@mantine/core';
import { CopyButton } from '../../../components/copy-button';
import { IconDots } from '../../../components/icons';
import { formatCount, formatDateTime, formatRelative } from '../../../lib/format';
import type { Usage, VirtualKey } from '../../../lib/contract';
import { useVirtualKeyLastUsed } from '../api/virtual-keys';

function LastUsed({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const lastUsed = useVirtualKeyLastUsed(workspaceId, slug);
  if (lastUsed.isPending) return <Skeleton height={14} width={70} />;
  if (lastUsed.isError) return <Text size="sm" c="dimmed">–</Text>;
  return (
    <Text size="sm" title={lastUsed.data ? formatDateTime(lastUsed.data) : undefined}>
      {formatRelative(lastUsed.data)}
    </Text>
  );
}

export function VirtualKeysTable({ workspaceId, keys, usage, canManage, onToggle, onRotate, onDelete }: {
  workspaceId: string;
  keys: VirtualKey[];
  usage: Map<string, Usage['rows'][number]> | undefined;
  canManage: boolean;
  onToggle: (key: VirtualKey) => void;
  onRotate: (key: VirtualKey) => void;
  onDelete: (key: VirtualKey) => void;
}) {
  return (
    <div className="table-scroll">
      {/* On phones: name, secret, switch and actions; provider, usage and rotation from tablet width up. */}
      <Table verticalSpacing="sm" highlightOnHover miw={{ base: 0, sm: 760 }} aria-label="Virtual keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name and slug</Table.Th>
            <Table.Th visibleFrom="sm">Provider</Table.Th>
            <Table.Th>Secret</Table.Th>
            <Table.Th visibleFrom="sm">Requests (30 d)</Table.Th>
            <Table.Th visibleFrom="sm">Last used</Table.Th>
            <Table.Th visibleFrom="sm">Rotated</Table.Th>
            <Table.Th>Enabled</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id} data-testid={`virtual-key-${key.slug}`}>
              <Table.Td>
                <Text fw={500} size="sm">
                  {key.name}
                </Text>
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {key.provider}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Text size="xs" c="dimmed" className="mono">
                    {key.slug}
                  </Text>
                  <CopyButton value={key.slug} label="Copy slug" compact />
                </Group>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Badge variant="light" color="gray">
                  {key.provider}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text className="mono" size="sm" aria-label="Masked secret" style={{ whiteSpace: 'nowrap' }}>
                  {key.secretHint || '••••'}
                </Text>
                <Text size="xs" c="dimmed">
                  version {key.secretVersion}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">{formatCount(usage?.get(key.slug)?.requests ?? 0)}</Table.Td>
              <Table.Td visibleFrom="sm">
                <LastUsed workspaceId={workspaceId} slug={key.slug} />
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm" title={formatDateTime(key.rotatedAt ?? key.createdAt)}>
                  {key.rotatedAt ? formatRelative(key.rotatedAt) : `created ${formatRelative(key.createdAt)}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={key.enabled}
                  disabled={!canManage}
                  onChange={() => onToggle(key)}
                  aria-label={key.enabled ? `Disable ${key.name}` : `Enable ${key.name}`}
                  color="teal"
                />
              </Table.Td>
              <Table.Td>
                {canManage && (
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${key.name}`}>
                        <IconDots />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => onRotate(key)}>Rotate secret</Menu.Item>
                      <Menu.Item onClick={() => onToggle(key)}>{key.enabled ? 'Disable' : 'Enable'}</Menu.Item>
                      <Menu.Divider />
                      <Menu.Item color="red" onClick={() => onDelete(key)}>
                        Delete…
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
