import { Alert, List } from '@mantine/core';
import { ApiError, errorMessage } from '../../../lib/api-error';

/** The server's refusal of a config, with each of its issues (`path: …, message: …`) listed. */
export function SaveError({ error }: { error: unknown }) {
  if (!error) return null;
  const issues = error instanceof ApiError ? error.errors : [];
  return (
    <Alert color="red" variant="light" title="The gateway refused this config" role="alert">
      {errorMessage(error)}
      {issues.length > 0 && (
        <List size="sm" mt={4}>
          {issues.map((issue) => (
            <List.Item key={issue}>{issue}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
