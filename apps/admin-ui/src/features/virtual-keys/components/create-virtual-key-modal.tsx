import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { Controller, type Resolver, useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../../../lib/api-error';
import type { ProviderCatalogEntry, VirtualKey } from '../../../lib/contract';
import { useProviders } from '../api/providers';
import { useCreateVirtualKey } from '../api/virtual-keys';
import { CredentialFields } from './credential-fields';
import { createFormSchema, type CredentialValues } from './credential-form';
import { fieldsFor } from './provider-fields';

const EMPTY: CredentialValues = { name: '', provider: 'openai', secret: {}, settings: {} };

/** The picker's options: the gateway's plug-ins in their own group, when it has any. */
function providerOptions(catalog: ProviderCatalogEntry[]) {
  const option = (p: ProviderCatalogEntry) => ({ value: p.id, label: `${p.name} (${p.id})` });
  const plugins = catalog.filter((p) => p.plugin);
  if (!plugins.length) return catalog.map(option);
  return [
    { group: 'Plug-ins', items: plugins.map(option) },
    { group: 'Built-in', items: catalog.filter((p) => !p.plugin).map(option) },
  ];
}

export function CreateVirtualKeyModal({ workspaceId, opened, onClose, onCreated }: {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (key: VirtualKey) => void;
}) {
  const create = useCreateVirtualKey(workspaceId);
  const providers = useProviders(opened);
  const catalog = providers.data ?? [];
  const form = useForm<CredentialValues>({ resolver: zodResolver(createFormSchema as never) as unknown as Resolver<CredentialValues>, defaultValues: EMPTY });
  const provider = form.watch('provider');
  const entry = catalog.find((p) => p.id === provider);
  const fields = fieldsFor(provider, entry?.needsCustomHost ?? false);

  const close = () => {
    form.reset(EMPTY);
    create.reset();
    onClose();
  };
  const submit = form.handleSubmit((values) =>
    create.mutate(values as never, {
      onSuccess: (key) => {
        close();
        onCreated(key);
      },
      // The API names the field it refused: show it there.
      onError: (error) => {
        if (error instanceof ApiError && error.field) form.setError(error.field as never, { message: error.message });
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={close} title="New virtual key" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.error && !(create.error instanceof ApiError && create.error.field) && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          {providers.isError && (
            <Alert color="red" variant="light" role="alert" title="Could not load the providers">
              <Group justify="space-between">
                {errorMessage(providers.error)}
                <Button size="xs" variant="default" onClick={() => void providers.refetch()}>
                  Try again
                </Button>
              </Group>
            </Alert>
          )}
          <TextInput label="Name" placeholder="OpenAI production" withAsterisk data-autofocus error={form.formState.errors.name?.message} {...form.register('name')} />
          <Controller
            control={form.control}
            name="provider"
            render={({ field }) => (
              <Select
                label="Provider"
                withAsterisk
                searchable
                data={providerOptions(catalog)}
                disabled={providers.isPending}
                placeholder={providers.isPending ? 'Loading providers…' : undefined}
                value={field.value}
                onChange={(value) => {
                  field.onChange(value ?? '');
                  // Fields of another provider would be sent along (and refused): start clean.
                  form.setValue('secret', {});
                  form.setValue('settings', {});
                }}
                error={form.formState.errors.provider?.message}
                allowDeselect={false}
              />
            )}
          />
          <CredentialFields
            key={provider}
            fields={fields}
            register={form.register}
            control={form.control}
            setValue={form.setValue}
            errors={form.formState.errors}
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
