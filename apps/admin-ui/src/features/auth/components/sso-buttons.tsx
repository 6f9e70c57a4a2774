import { Button, Divider, Stack } from '@mantine/core';
import { BASENAME } from '../../../lib/paths';
import { useSsoConnections } from '../api/sso-connections';

/**
 * "Sign in with <IdP>" for each connection. Plain links: the IdP flow is a full-page redirect
 * that the server starts and finishes; `returnTo` (a path under /admin/) brings the user back to
 * the page they asked for.
 */
export function SsoButtons({ next }: { next?: string }) {
  const { data: connections = [] } = useSsoConnections();
  if (connections.length === 0) return null;
  return (
    <Stack gap="xs">
      {connections.map((c) => {
        const href = next && next !== '/' ? `${c.loginUrl}${c.loginUrl.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(`${BASENAME}${next}`)}` : c.loginUrl;
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
