import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { errorMessage } from '../../../lib/api-error';
import type { AddMemberBody } from '../../../lib/contract';
import { useAddMember } from '../api/members';
import { ROLE_OPTIONS } from './roles';

// addMemberSchema's rules (admin.schemas.ts cannot be bundled); `satisfies` ties the shape to it.
const schema = z.object({
  email: z.email({ error: 'Enter an email address' }),
  role: z.enum(['owner', 'admin', 'member', 'viewer']),
  name: z.string().trim().max(100).optional().transform((v) => v || undefined),
  password: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().min(12, 'At least 12 characters').max(1000).optional()),
}) satisfies z.ZodType<AddMemberBody, unknown>;

export function AddMemberModal({ workspaceId, opened, onClose }: { workspaceId: string; opened: boolean; onClose: () => void }) {
  const add = useAddMember(workspaceId);
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', role: 'viewer', name: '', password: '' },
  });
  const close = () => {
    form.reset();
    add.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Add member">
      <form onSubmit={form.handleSubmit((values) => add.mutate(values, { onSuccess: close }))} noValidate>
        <Stack>
          {add.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(add.error)}
            </Alert>
          )}
          <TextInput label="Email" withAsterisk data-autofocus error={form.formState.errors.email?.message} {...form.register('email')} />
          <Controller
            control={form.control}
            name="role"
            render={({ field }) => (
              <Select label="Role" data={ROLE_OPTIONS.map((r) => ({ value: r.value, label: `${r.label} — ${r.description}` }))} value={field.value} onChange={(v) => field.onChange(v ?? 'viewer')} allowDeselect={false} />
            )}
          />
          <TextInput label="Name" {...form.register('name')} />
          <PasswordInput
            label="Initial password"
            description="Only for people without an account yet (SSO users sign in with their IdP)."
            autoComplete="new-password"
            error={form.formState.errors.password?.message}
            {...form.register('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
