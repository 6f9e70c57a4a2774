import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../../lib/format';
import type { Config } from '../../../lib/contract';

/** Every saved version, newest first; any earlier one can be compared and restored. */
export function VersionHistory({ config, canRestore, onCompare }: { config: Config; canRestore: boolean; onCompare: (version: number) => void }) {
  const versions = [...config.versions].sort((a, b) => b.version - a.version);
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} size="sm" mb="xs">
        Version history
      </Text>
      <Stack gap={0} data-testid="version-history">
        {versions.map((v) => {
          const current = v.version === config.currentVersion;
          return (
            <Group key={v.version} data-testid={`version-${v.version}`} justify="space-between" py={8} wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <div style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    Version {v.version}
                  </Text>
                  {current && (
                    <Badge size="xs" variant="light" color="teal">
                      current
                    </Badge>
                  )}
                  {v.restoredFrom !== null && (
                    <Badge size="xs" variant="light" color="gray">
                      restored from v{v.restoredFrom}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {formatDateTime(v.createdAt)} · {v.createdBy ?? 'system'}
                </Text>
              </div>
              {!current && (
                <Button size="compact-xs" variant="light" style={{ flexShrink: 0 }} onClick={() => onCompare(v.version)} aria-label={`Compare version ${v.version}${canRestore ? ' and restore' : ''}`}>
                  Compare
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
