import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatCost, formatCount } from '../../../lib/format';
import type { LimitScopeTargets, LimitUsage, UsageLimit } from '../../../lib/contract';
import { UsageBar } from './usage-bar';

const usd = (value: number) => (value === 0 ? '$0' : value < 1 ? formatCost(value) : `$${value.toFixed(2)}`);

/** How a scope is named on the page: by the key's or config's name when the console knows it. */
export function scopeTitle(limit: Pick<UsageLimit, 'scope' | 'scopeId'>, targets: LimitScopeTargets | undefined): { title: string; detail?: string } {
  const id = limit.scopeId ?? '';
  switch (limit.scope) {
    case 'workspace':
      return { title: 'Workspace' };
    case 'api_key': {
      const key = targets?.apiKeys.find((k) => k.id === id);
      return { title: `API key ${key?.name ?? id}`, detail: key?.hint };
    }
    case 'virtual_key': {
      const vk = targets?.virtualKeys.find((k) => k.slug === id);
      return { title: `Virtual key ${vk?.name ?? id}`, detail: vk ? id : undefined };
    }
    case 'config': {
      const config = targets?.configs.find((c) => c.id === id);
      return { title: `Config ${config?.name ?? id}`, detail: config ? id : undefined };
    }
  }
}

/** One scope's limits, each with a bar of its current usage. */
export function LimitCard({ limit, usage, targets, canWrite, onEdit, onRemove }: {
  limit: UsageLimit;
  usage: LimitUsage | undefined;
  targets: LimitScopeTargets | undefined;
  canWrite: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { title, detail } = scopeTitle(limit, targets);
  const alert = limit.alertThreshold ?? undefined;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Stack gap={0}>
          <Text fw={600}>{title}</Text>
          {limit.scope === 'workspace' && (
            <Text size="xs" c="dimmed">
              every request of the workspace
            </Text>
          )}
          {detail && (
            <Text size="xs" c="dimmed" className="mono">
              {detail}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {alert !== undefined && (
            <Badge variant="light" color="orange" title="A budget crossing this share of its amount logs a warning">
              alert at {Math.round(alert * 100)}%
            </Badge>
          )}
          {canWrite && (
            <>
              <Button size="xs" variant="default" onClick={onEdit}>
                Edit
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
                Remove
              </Button>
            </>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        {limit.requestsPerMinute != null && (
          <UsageBar label="Requests per minute" used={usage?.requestsPerMinute?.used} limit={limit.requestsPerMinute} format={formatCount} />
        )}
        {limit.tokensPerMinute != null && (
          <UsageBar label="Tokens per minute" used={usage?.tokensPerMinute?.used} limit={limit.tokensPerMinute} format={formatCount} />
        )}
        {limit.concurrentRequests != null && (
          <UsageBar label="Concurrent requests" used={usage?.concurrentRequests?.used} limit={limit.concurrentRequests} format={formatCount} />
        )}
        {limit.costPerDayUsd != null && (
          <UsageBar label="Cost today (UTC)" used={usage?.costPerDayUsd?.used} limit={limit.costPerDayUsd} format={usd} alertThreshold={alert} resetsAt={usage?.costPerDayUsd?.resetsAt} />
        )}
        {limit.costPerMonthUsd != null && (
          <UsageBar label="Cost this month (UTC)" used={usage?.costPerMonthUsd?.used} limit={limit.costPerMonthUsd} format={usd} alertThreshold={alert} resetsAt={usage?.costPerMonthUsd?.resetsAt} />
        )}
      </SimpleGrid>
    </Paper>
  );
}
