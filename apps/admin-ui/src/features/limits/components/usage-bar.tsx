import { Group, Progress, Stack, Text } from '@mantine/core';
import { formatPercent, formatRelative } from '../../../lib/format';

/** Green below the alert threshold (or 80% without one), orange from it, red when exhausted. */
export function usageColor(used: number, limit: number, alertThreshold?: number): 'teal' | 'orange' | 'red' {
  const ratio = limit > 0 ? used / limit : 1;
  if (ratio >= 1) return 'red';
  if (ratio >= (alertThreshold ?? 0.8)) return 'orange';
  return 'teal';
}

/** One limit: what is used of it now, as a bar and in numbers. */
export function UsageBar({ label, used, limit, format, alertThreshold, resetsAt }: {
  label: string;
  /** Undefined while usage is unknown (loading, or the store cannot be read). */
  used: number | undefined;
  limit: number;
  format: (value: number) => string;
  alertThreshold?: number;
  resetsAt?: string;
}) {
  const known = used !== undefined;
  const value = known ? Math.min(100, limit > 0 ? (used / limit) * 100 : 100) : 0;
  const text = known ? `${format(used)} of ${format(limit)}` : `limit ${format(limit)}`;
  return (
    <Stack gap={4} data-testid={`usage-${label}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">{label}</Text>
        <Text size="sm" className="mono" c={known ? undefined : 'dimmed'}>
          {text}
          {known && ` · ${formatPercent(used, limit)}`}
        </Text>
      </Group>
      <Progress
        value={value}
        color={known ? usageColor(used, limit, alertThreshold) : 'gray'}
        size="md"
        radius="xl"
        aria-label={`${label}: ${text}`}
        striped={!known}
      />
      {resetsAt && (
        <Text size="xs" c="dimmed">
          Resets {formatRelative(resetsAt)}
        </Text>
      )}
    </Stack>
  );
}
