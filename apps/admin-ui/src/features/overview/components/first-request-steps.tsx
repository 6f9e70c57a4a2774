import { Anchor, Code, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../../lib/paths';

/** The empty overview: the three steps from nothing to a first logged request. */
export function FirstRequestSteps({ workspaceId }: { workspaceId: string }) {
  const origin = typeof window === 'undefined' ? 'http://127.0.0.1:8787' : window.location.origin;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} data-testid="first-request-steps">
      <Title order={3} fz={20}>
        No requests yet
      </Title>
      <Text c="dimmed" size="sm" mb="lg">
        Three steps to your first request through the gateway:
      </Text>
      <Stepper active={-1} orientation="vertical" size="sm" allowNextStepsSelect={false}>
        <Stepper.Step
          label="Add a virtual key"
          description={
            <Text size="sm" c="dimmed">
              Store a provider credential once, encrypted. <Anchor component={Link} to={paths.virtualKeys(workspaceId)}>Open virtual keys</Anchor>
            </Text>
          }
        />
        <Stepper.Step
          label="Create a config"
          description={
            <Text size="sm" c="dimmed">
              Route to that key (with fallbacks or retries) and get a <Code>pc-…</Code> id. <Anchor component={Link} to={paths.newConfig(workspaceId)}>New config</Anchor>
            </Text>
          }
        />
        <Stepper.Step
          label="Create an API key and send a request"
          description={
            <Stack gap={6}>
              <Text size="sm" c="dimmed">
                <Anchor component={Link} to={paths.apiKeys(workspaceId)}>Create an API key</Anchor>, then call the gateway:
              </Text>
              <Code block>{`curl ${origin}/v1/chat/completions \\
  -H "x-portkey-api-key: $AIGW_API_KEY" \\
  -H "x-portkey-config: pc-…" \\
  -H "content-type: application/json" \\
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'`}</Code>
            </Stack>
          }
        />
      </Stepper>
    </Paper>
  );
}
