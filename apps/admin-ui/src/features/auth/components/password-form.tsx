import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiError, errorMessage } from '../../../lib/api-error';
import type { LoginBody } from '../../../lib/contract';
import { useLogin } from '../api/session';

// The server's loginSchema (admin.schemas.ts) cannot be bundled (its module imports the database
// layer), so the form checks the same shape and `satisfies` keeps the two in step at compile time.
const schema = z.object({
  email: z.string().trim().min(3, 'Enter your email address').max(320),
  password: z.string().min(1, 'Enter your password').max(1000),
}) satisfies z.ZodType<LoginBody>;

function loginError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'Wrong email or password.';
  if (error instanceof ApiError && error.status === 403) return error.message || 'Password sign-in is turned off; use your SSO provider.';
  return errorMessage(error);
}

export function PasswordForm({ onSignedIn }: { onSignedIn: () => void }) {
  const login = useLogin();
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '' },
  });
  const submit = form.handleSubmit((values) => login.mutate(values, { onSuccess: onSignedIn }));

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
          {...form.register('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          error={form.formState.errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" loading={login.isPending} size="md">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
