import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../../../lib/api-error';
import type { LoginBody } from '../../../lib/contract';
import { useLogin } from '../api/session';

// The sign-in page is in the first download: plain react-hook-form rules instead of zod (~50 KB
// gzipped) keep it small. The values are typed by the server's loginSchema (LoginBody), whose
// limits these mirror; the server validates again either way.
const RULES = {
  email: { validate: (v: string) => v.trim().length >= 3 || 'Enter your email address', maxLength: { value: 320, message: 'That email address is too long' } },
  password: { required: 'Enter your password', maxLength: { value: 1000, message: 'That password is too long' } },
} as const;

function loginError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'Wrong email or password.';
  if (error instanceof ApiError && error.status === 403) return error.message || 'Password sign-in is turned off; use your SSO provider.';
  return errorMessage(error);
}

export function PasswordForm({ onSignedIn }: { onSignedIn: () => void }) {
  const login = useLogin();
  const form = useForm<LoginBody>({ defaultValues: { email: '', password: '' } });
  const submit = form.handleSubmit((values) => login.mutate({ ...values, email: values.email.trim() }, { onSuccess: onSignedIn }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {login.error && (
          <Alert color="red" variant="light" role="alert">
            {loginError(login.error)}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          error={form.formState.errors.email?.message}
          {...form.register('email', RULES.email)}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          error={form.formState.errors.password?.message}
          {...form.register('password', RULES.password)}
        />
        <Button type="submit" loading={login.isPending} size="md">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
