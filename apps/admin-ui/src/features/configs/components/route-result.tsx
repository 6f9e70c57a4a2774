import { Alert, Badge, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { DryRunResult } from '../../../lib/contract';
import { PlanTree, TargetLine } from './plan-tree';

/** Every path on the way to the chosen target, so the tree can highlight the route. */
function pathsTo(target: string): Set<string> {
  const out = new Set<string>();
  let path = target;
  for (;;) {
    out.add(path);
    const cut = path.lastIndexOf('.targets[');
    if (cut < 0) break;
    path = path.slice(0, cut);
  }
  return out;
}

export function RouteResult({ result }: { result: DryRunResult }) {
  const source = result.config.source === 'saved' ? `${result.config.id} version ${result.config.version}` : 'the draft config';
  return (
    <Stack data-testid="dry-run-result">
      {result.route ? (
        <Paper withBorder radius="md" p="md">
          <Title order={4} fz={16} mb={4}>
            First call: <span className="mono">{result.route.target.path}</span>
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            From {source}; no upstream call was made.
          </Text>
          <TargetLine target={result.route.target} />
          {result.route.decisions.length > 0 && (
            <Stack gap={4} mt="sm">
              <Text size="sm" fw={600}>
                Decisions
              </Text>
              {result.route.decisions.map((d) => (
                <Text size="sm" key={d.path}>
                  <span className="mono">{d.path}</span> ({d.mode}): took target {d.chosen}
                  {d.matchedCondition ? (
                    <>
                      {' '}
                      because <Code>{JSON.stringify(d.matchedCondition.query)}</Code> matched
                    </>
                  ) : d.mode === 'conditional' ? (
                    ' by default (no condition matched)'
                  ) : null}
                  {d.sticky ? ` (sticky: ${d.sticky.key} = ${JSON.stringify(d.sticky.value)})` : d.mode === 'loadbalance' ? ' (weighted draw)' : ''}
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
      ) : (
        <Alert color="orange" variant="light" title={`The gateway would answer ${result.error?.status ?? 'an error'}`}>
          {result.error?.message ?? 'This config cannot route this request.'}
        </Alert>
      )}
      {result.route && result.route.attemptsIfEveryCallFails.length > 0 && (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" fw={600} mb="xs">
            If every call answered {result.route.simulatedFailureStatus}
          </Text>
          <div className="table-scroll">
            <Table fz="sm" aria-label="Calls if every call fails">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>Call</Table.Th>
                  <Table.Th ta="right">Wait before</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.route.attemptsIfEveryCallFails.map((a, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td className="mono">{a.target}</Table.Td>
                    <Table.Td>{a.attempt === 0 ? 'first call' : <Badge size="sm" variant="light">retry {a.attempt}</Badge>}</Table.Td>
                    <Table.Td ta="right">{a.waitMsBefore} ms</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Paper>
      )}
      <Paper withBorder radius="md" p="md">
        <Text size="sm" fw={600} mb="xs">
          Plan
        </Text>
        <PlanTree plan={result.plan} taken={result.route ? pathsTo(result.route.target.path) : new Set()} />
      </Paper>
    </Stack>
  );
}
