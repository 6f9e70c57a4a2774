import { Paper, Progress, Stack, Text, Group } from '@mantine/core';
import { formatCost, formatCount } from '../../../lib/format';
import type { Usage } from '../../../lib/contract';
import { LoadingRows } from '../../../components/query-states';

/** The busiest providers, models, keys or configs of the range, by requests. */
export function TopList({ title, rows, loading, label = (k) => k ?? '(none)' }: {
  title: string;
  rows: Usage['rows'] | undefined;
  loading: boolean;
  label?: (key: string | null) => string;
}) {
  const top = [...(rows ?? [])].sort((a, b) => b.requests - a.requests).slice(0, 5);
  const max = top[0]?.requests ?? 0;
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} size="sm" mb="sm">
        {title}
      </Text>
      {loading ? (
        <LoadingRows rows={3} height={20} />
      ) : top.length === 0 ? (
        <Text size="sm" c="dimmed">
          No traffic in this range.
        </Text>
      ) : (
        <Stack gap="xs">
          {top.map((row) => (
            <div key={row.key ?? '(none)'}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" truncate className="mono" title={label(row.key)}>
                  {label(row.key)}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatCount(row.requests)} req · {formatCost(row.costUsd)}
                </Text>
              </Group>
              <Progress value={max ? (row.requests / max) * 100 : 0} size="sm" mt={4} aria-hidden />
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
