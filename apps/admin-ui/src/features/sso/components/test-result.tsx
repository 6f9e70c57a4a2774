import { Alert, Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { SsoTestResult } from '../../../lib/contract';
import { formatDateTime } from '../../../lib/format';

function isTestResult(value: unknown): value is SsoTestResult {
  return !!value && typeof value === 'object' && typeof (value as SsoTestResult).ok === 'boolean';
}

/** What the IdP returned on the last test sign-in (claims, groups, the role it maps to) or why it failed. */
export function TestResultView({ result }: { result: unknown }) {
  if (!isTestResult(result)) {
    return (
      <Text size="sm" c="dimmed">
        Not tested yet.
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="sso-test-result">
      <Group gap={6}>
        <Badge color={result.ok ? 'teal' : 'red'} variant="light">
          {result.ok ? 'test passed' : 'test failed'}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatDateTime(result.at)}
        </Text>
      </Group>
      {result.error && (
        <Alert color="red" variant="light" p="xs">
          {result.error.message} <Code>{result.error.code}</Code>
        </Alert>
      )}
      {result.email && (
        <Text size="sm">
          Signed in as <b>{result.email}</b>
          {result.role !== undefined && <> → role <b>{result.role ?? 'none (no access)'}</b></>}
        </Text>
      )}
      {result.groups && (
        <Text size="sm">
          Groups: {result.groups.length ? result.groups.map((g) => <Code key={g} mr={4}>{g}</Code>) : <i>none</i>}
        </Text>
      )}
      {result.claims && (
        <Code block style={{ maxHeight: 220, overflow: 'auto', fontSize: 12 }}>
          {JSON.stringify(result.claims, null, 2)}
        </Code>
      )}
    </Stack>
  );
}
