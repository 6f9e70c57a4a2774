import { Alert, Badge, Button, Code, Group, Paper, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-error';
import { type SendInput, useSendRequest } from '../api/send-request';

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" className="mono">
        {value ?? '–'}
      </Text>
    </div>
  );
}

/** Sends the playground's request through the gateway for real, with a gateway API key. */
export function SendPanel({ request, disabled }: { request: Omit<SendInput, 'apiKey'> | null; disabled: boolean }) {
  const [apiKey, setApiKey] = useState('');
  const send = useSendRequest();
  const result = send.data;
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" fw={600}>
        Send it for real
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        Calls the provider through the gateway with a gateway API key of this workspace (used for this request only, never stored).
      </Text>
      <Group align="flex-end">
        <PasswordInput label="Gateway API key" placeholder="aigw_…" value={apiKey} onChange={(e) => setApiKey(e.currentTarget.value)} style={{ flex: 1 }} autoComplete="off" />
        <Button variant="light" disabled={disabled || !request || !apiKey.trim()} loading={send.isPending} onClick={() => request && send.mutate({ ...request, apiKey: apiKey.trim() })}>
          Send request
        </Button>
      </Group>
      {send.error && (
        <Alert color="red" variant="light" mt="sm">
          {errorMessage(send.error)}
        </Alert>
      )}
      {result && (
        <Stack mt="sm" gap="sm" data-testid="send-result">
          <Group gap="xs">
            <Badge color={result.status < 400 ? 'teal' : 'red'} variant="light">
              {result.status}
            </Badge>
            <Text size="sm">{result.totalMs} ms in total</Text>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            <Fact label="Answered by" value={result.target} />
            <Fact label="Provider" value={result.provider} />
            <Fact label="Retries" value={result.retries} />
            <Fact label="Gateway overhead" value={result.overheadMs === null ? null : `${Number(result.overheadMs).toFixed(2)} ms`} />
            <Fact label="Config version" value={result.configVersion} />
            <Fact label="Trace id" value={result.traceId} />
          </SimpleGrid>
          <Code block style={{ maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {typeof result.body === 'string' ? result.body : JSON.stringify(result.body, null, 2)}
          </Code>
        </Stack>
      )}
    </Paper>
  );
}
