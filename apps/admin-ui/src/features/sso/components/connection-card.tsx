import { Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { SsoConnection } from '../../../lib/contract';
import { TestResultView } from './test-result';

export function ConnectionCard({ connection, testing, onTest, onEdit, onDelete }: {
  connection: SsoConnection;
  testing: boolean;
  onTest: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const c = connection;
  return (
    <Paper withBorder radius="md" p="md" data-testid={`sso-connection-${c.id}`}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Group gap={6}>
            <Text fw={600}>{c.name}</Text>
            <Badge variant="light" color={c.enabled ? 'teal' : 'gray'}>
              {c.enabled ? 'enabled' : 'disabled'}
            </Badge>
            {c.verifiedAt && (
              <Badge variant="light" color="indigo">
                verified
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" className="mono" style={{ overflowWrap: 'anywhere' }}>
            {c.issuer}
          </Text>
        </div>
        <Group gap="xs">
          <Button size="xs" variant="light" loading={testing} onClick={onTest}>
            Test sign-in
          </Button>
          <Button size="xs" variant="default" onClick={onEdit}>
            Edit
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={onDelete}>
            Delete
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack gap={4}>
          <Text size="sm">
            Client <Code>{c.clientId}</Code> · secret <Code>{c.clientSecretHint}</Code>
          </Text>
          <Text size="sm">Scopes: {c.scopes.join(' ')}</Text>
          <Text size="sm">
            Roles from <Code>{c.groupsClaim}</Code>:{' '}
            {c.roleMappings.length ? c.roleMappings.map((r) => `${r.claim ? `${r.claim}=` : ''}${r.value} → ${r.role}`).join(', ') : 'no rules'}; otherwise{' '}
            {c.defaultRole ?? 'no access'}
          </Text>
          <Text size="sm">Email domains: {c.allowedDomains.length ? c.allowedDomains.join(', ') : 'any'}</Text>
        </Stack>
        <TestResultView result={c.lastTest} />
      </SimpleGrid>
    </Paper>
  );
}
