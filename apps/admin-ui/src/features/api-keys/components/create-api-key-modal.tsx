import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { errorMessage } from '../../../lib/api-error';
import type { CreateApiKeyBody, CreatedApiKey } from '../../../lib/contract';
import { useCreateApiKey } from '../api/api-keys';

const EXPIRY = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

// Mirrors createApiKeySchema's fields (admin.schemas.ts cannot be bundled); `satisfies` below
// fails the build if the API's body shape changes.
const schema = z.object({
  name: z.string().trim().min(1, 'Give the key a name (the app that uses it)').max(100),
  kind: z.enum(['gateway', 'admin']),
  expiry: z.string(),
});
type Values = z.infer<typeof schema>;

export function toBody(values: Values, now = Date.now()): CreateApiKeyBody {
  const body = {
    name: values.name.trim(),
    kind: values.kind,
    expiresAt: values.expiry === 'never' ? undefined : new Date(now + Number(values.expiry) * 86_400_000).toISOString(),
  } satisfies CreateApiKeyBody;
  return body;
}

export function CreateApiKeyModal({ workspaceId, opened, canCreateAdmin, onClose, onCreated }: {
  workspaceId: string;
  opened: boolean;
  canCreateAdmin: boolean;
  onClose: () => void;
  onCreated: (created: CreatedApiKey) => void;
}) {
  const create = useCreateApiKey(workspaceId);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', kind: 'gateway', expiry: 'never' } });
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  const submit = form.handleSubmit((values) =>
    create.mutate(toBody(values), {
      onSuccess: (created) => {
        close();
        onCreated(created);
      },
    }),
  );
  return (
    <Modal opened={opened} onClose={close} title="New API key">
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <TextInput label="Name" placeholder="checkout-service" withAsterisk data-autofocus error={form.formState.errors.name?.message} {...form.register('name')} />
          {canCreateAdmin && (
            <Controller
              control={form.control}
              name="kind"
              render={({ field }) => (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    Kind
                  </Text>
                  <SegmentedControl
                    value={field.value}
                    onChange={field.onChange}
                    data={[
                      { value: 'gateway', label: 'Gateway (apps)' },
                      { value: 'admin', label: 'Admin API (automation)' },
                    ]}
                  />
                </Stack>
              )}
            />
          )}
          <Controller
            control={form.control}
            name="expiry"
            render={({ field }) => <Select label="Expires" data={EXPIRY} value={field.value} onChange={(v) => field.onChange(v ?? 'never')} allowDeselect={false} />}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
