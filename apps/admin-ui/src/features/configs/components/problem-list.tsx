import { Alert, List, Text } from '@mantine/core';
import type { ConfigProblem } from './config-validation';

/** The editor's problems in words, each with its path, for people who do not hover underlines. */
export function ProblemList({ problems }: { problems: ConfigProblem[] }) {
  if (problems.length === 0) {
    return (
      <Text size="sm" c="teal" role="status" data-testid="config-valid">
        Valid config: the gateway will accept it.
      </Text>
    );
  }
  return (
    <Alert color="red" variant="light" title={`${problems.length} problem${problems.length === 1 ? '' : 's'}`} role="alert" data-testid="config-problems">
      <List size="sm" spacing={2}>
        {problems.map((p, i) => (
          <List.Item key={i}>
            {p.path && (
              <Text span className="mono" fw={600}>
                {p.path}
              </Text>
            )}
            {p.path ? ': ' : ''}
            {p.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
