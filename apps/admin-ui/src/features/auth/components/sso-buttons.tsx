import { Button, Divider, Stack } from '@mantine/core';
import { useSsoConnections } from '../api/sso-connections';

/**
 * "Sign in with <IdP>" for each connection. Plain links: the IdP flow is a full-page redirect
 * that the server starts and finishes.
 */
export function SsoButtons({ next }: { next?: string }) {
  const { data: connections = [] } = useSsoConnections();
  if (connections.length === 0) return null;
  return (
    <Stack gap="xs">
      {connections.map((c) => {
        const href = next ? `${c.loginUrl}${c.loginUrl.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}` : c.loginUrl;
        return (
          <Button key={c.id} component="a" href={href} variant="default" size="md" fullWidth>
            Sign in with {c.name}
          </Button>
        );
      })}
      <Divider label="or with email" labelPosition="center" my="xs" />
    </Stack>
  );
}
