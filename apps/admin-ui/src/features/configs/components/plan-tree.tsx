import { Badge, Box, Code, Group, Stack, Text } from '@mantine/core';
import type { RoutePlan } from '../../../lib/contract';

type TargetSummary = NonNullable<RoutePlan['target']>;

export function TargetLine({ target }: { target: TargetSummary }) {
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="light">{target.provider ?? 'provider from header'}</Badge>
      {target.virtualKey && <Text size="sm" className="mono">{target.virtualKey}</Text>}
      {target.model && <Text size="sm" c="dimmed">model {target.model}</Text>}
      {target.retry && <Text size="sm" c="dimmed">retry ×{target.retry.attempts} on {target.retry.onStatusCodes.join(', ')}</Text>}
      {target.timeoutMs !== null && <Text size="sm" c="dimmed">timeout {target.timeoutMs} ms</Text>}
      {target.customHost && <Text size="sm" c="dimmed" className="mono">{target.customHost}</Text>}
    </Group>
  );
}

/** The config as the engine sees it: strategy nodes with weights and conditions, leaves with their target. */
export function PlanTree({ plan, taken }: { plan: RoutePlan; taken: Set<string> }) {
  const onRoute = taken.has(plan.path);
  return (
    <Box pl={plan.path === 'config' ? 0 : 'md'} style={{ borderLeft: plan.path === 'config' ? undefined : '2px solid var(--mantine-color-default-border)' }}>
      <Stack gap={4} py={4}>
        <Group gap={6}>
          <Text size="sm" className="mono" fw={onRoute ? 700 : 400} c={onRoute ? undefined : 'dimmed'}>
            {plan.path}
          </Text>
          <Badge size="sm" variant={onRoute ? 'filled' : 'light'} color={plan.mode === 'leaf' ? 'gray' : 'indigo'}>
            {plan.mode}
          </Badge>
          {plan.stickyKey && <Text size="xs" c="dimmed">sticky on {plan.stickyKey}</Text>}
          {plan.onStatusCodes && <Text size="xs" c="dimmed">falls back on {plan.onStatusCodes.join(', ')}</Text>}
        </Group>
        {plan.target && <TargetLine target={plan.target} />}
        {plan.conditions?.map((c) => (
          <Group key={c.index} gap={6} wrap="nowrap">
            <Badge size="xs" color={c.matched ? 'teal' : 'gray'} variant="light">
              {c.matched ? 'matched' : 'no match'}
            </Badge>
            <Code style={{ overflowWrap: 'anywhere' }}>{JSON.stringify(c.query)}</Code>
            <Text size="xs">→ {c.then}</Text>
          </Group>
        ))}
        {plan.default && <Text size="xs" c="dimmed">default → {plan.default}</Text>}
        {plan.children?.map((child, i) => (
          <div key={child.path}>
            {plan.weights?.[i] && (
              <Text size="xs" c="dimmed" pl="md">
                weight {plan.weights[i]!.weight} · {Math.round(plan.weights[i]!.share * 100)}% of traffic
              </Text>
            )}
            <PlanTree plan={child} taken={taken} />
          </div>
        ))}
      </Stack>
    </Box>
  );
}
