import { Alert, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { IconLogo } from '../../../components/icons';
import { PasswordForm } from '../components/password-form';
import { SsoButtons } from '../components/sso-buttons';

/** Errors the SSO callback sends back here as `?error=…` (with the IdP's reason when it gave one). */
function ssoErrorText(params: URLSearchParams): string | undefined {
  const error = params.get('error');
  if (!error) return undefined;
  const reason = params.get('error_description') ?? params.get('reason');
  const known: Record<string, string> = {
    sso_failed: 'Single sign-on failed.',
    access_denied: 'Your identity provider denied the sign-in.',
    no_access: 'Your account has no access to this workspace. Ask an owner to invite you.',
    domain_not_allowed: 'Your email domain is not allowed to sign in here.',
  };
  return [known[error] ?? `Sign-in failed (${error}).`, reason].filter(Boolean).join(' ');
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
              <Alert color="red" variant="light" role="alert">
                {ssoError}
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
