import { Badge, Button, Table, Text } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../../lib/format';
import type { ApiKey } from '../../../lib/contract';

function status(key: ApiKey, now = Date.now()): { label: string; color: string } {
  if (key.revokedAt) return { label: 'revoked', color: 'red' };
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return { label: 'expired', color: 'orange' };
  return { label: 'active', color: 'teal' };
}

export function ApiKeysTable({ keys, onRevoke }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  return (
    <div className="table-scroll">
      {/* On phones: name, key, status and the action; the rest from tablet width up. */}
      <Table verticalSpacing="sm" miw={{ base: 0, sm: 720 }} aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th visibleFrom="sm">Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th visibleFrom="sm">Expires</Table.Th>
            <Table.Th visibleFrom="sm">Last used</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => {
            const s = status(key);
            return (
              <Table.Tr key={key.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {key.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    by {key.createdBy ?? 'system'} · {formatDateTime(key.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {key.hint}
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Badge variant="light" color={key.kind === 'admin' ? 'grape' : 'indigo'}>
                    {key.kind}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={s.color}>
                    {s.label}
                  </Badge>
                </Table.Td>
                <Table.Td visibleFrom="sm">{key.expiresAt ? formatRelative(key.expiresAt) : 'never'}</Table.Td>
                <Table.Td visibleFrom="sm">{formatRelative(key.lastUsedAt)}</Table.Td>
                <Table.Td ta="right">
                  {!key.revokedAt && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => onRevoke(key)}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
