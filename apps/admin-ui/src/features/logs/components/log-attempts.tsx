import { Badge, Table, Text } from '@mantine/core';
import { formatMs } from '../../../lib/format';
import type { LogDetail } from '../../../lib/contract';

type Attempt = NonNullable<LogDetail['attempts']>[number];

const OUTCOME_COLOR: Record<Attempt['outcome'], string> = { won: 'teal', succeeded: 'teal', failed: 'red', aborted: 'gray' };

/** Every upstream attempt of a request (retries, fallback targets, hedges) and how each ended. */
export function LogAttempts({ attempts }: { attempts: Attempt[] }) {
  return (
    <Table striped withTableBorder fz="sm" aria-label="Attempts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Target</Table.Th>
          <Table.Th>Provider / model</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Latency</Table.Th>
          <Table.Th>Outcome</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {attempts.map((a, i) => (
          <Table.Tr key={i}>
            <Table.Td className="mono">
              {a.target}
              {a.retry > 0 && <Text span size="xs" c="dimmed">{` retry ${a.retry}`}</Text>}
            </Table.Td>
            <Table.Td>{[a.provider, a.model].filter(Boolean).join(' / ') || '–'}</Table.Td>
            <Table.Td className="mono">{a.status ?? '–'}</Table.Td>
            <Table.Td>{formatMs(a.latencyMs)}</Table.Td>
            <Table.Td>
              <Badge color={OUTCOME_COLOR[a.outcome]} variant="light">
                {a.outcome}
              </Badge>
              {a.raced && <Text span size="xs" c="dimmed">{' hedged'}</Text>}
              {a.error && <Text span size="xs" c="dimmed">{` (${a.error})`}</Text>}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
