import { Alert, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { IconLogo } from '../../../components/icons';
import { PasswordForm } from '../components/password-form';
import { SsoButtons } from '../components/sso-buttons';

/**
 * Errors the SSO callback sends back here (`?error=<code>&error_description=<reason>`): a heading
 * for the codes people can act on, and the server's or IdP's reason in its own words.
 */
function ssoErrorText(params: URLSearchParams): { title: string; reason?: string } | undefined {
  const error = params.get('error');
  if (!error) return undefined;
  const description = params.get('error_description')?.trim();
  const reason = description ? `${description[0]!.toUpperCase()}${description.slice(1)}${/[.!?]$/.test(description) ? '' : '.'}` : undefined;
  const known: Record<string, string> = {
    no_access: 'You have no access to this console yet. Ask a workspace owner to invite you.',
    domain_not_allowed: 'Your email domain is not allowed to sign in here.',
    idp_unreachable: 'Your identity provider could not be reached.',
    idp_error: 'Your identity provider refused the sign-in.',
  };
  return { title: known[error] ?? 'Single sign-on failed.', reason };
}

/** Only same-console paths: an open redirect would hand the session page to anyone's link. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const ssoError = ssoErrorText(params);

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-body)">
      <Stack w="100%" maw={400} gap="lg">
        <Group gap="xs" justify="center">
          <IconLogo />
          <Text fw={700} size="lg">
            AI Gateway
          </Text>
        </Group>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <Stack>
            <div>
              <Title order={2} fz={22}>
                Sign in to the console
              </Title>
              <Text c="dimmed" size="sm">
                Manage keys, routing configs and traffic for your workspaces.
              </Text>
            </div>
            {ssoError && (
              <Alert color="red" variant="light" role="alert" title={ssoError.title}>
                {ssoError.reason}
              </Alert>
            )}
            <SsoButtons next={next} />
            <PasswordForm onSignedIn={() => navigate(next, { replace: true })} />
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
