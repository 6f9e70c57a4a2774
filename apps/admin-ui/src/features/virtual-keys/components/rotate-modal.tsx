import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type Resolver, useForm } from 'react-hook-form';
import { errorMessage } from '../../../lib/api-error';
import type { VirtualKey } from '../../../lib/contract';
import { useProviders } from '../api/providers';
import { useRotateVirtualKey } from '../api/virtual-keys';
import { CredentialFields } from './credential-fields';
import { rotateFormSchema } from './credential-form';
import { secretFieldsFor } from './provider-fields';

type Values = { secret: Record<string, string>; settings: Record<string, string> };

/** Replaces a key's secret; the slug (and so every config naming it) stays. */
export function RotateModal({ workspaceId, virtualKey, onClose }: { workspaceId: string; virtualKey: VirtualKey | null; onClose: () => void }) {
  const rotate = useRotateVirtualKey(workspaceId);
  const provider = virtualKey?.provider ?? '';
  const providers = useProviders(virtualKey !== null);
  const fields = secretFieldsFor(provider, providers.data?.find((p) => p.id === provider)?.needsCustomHost ?? false);
  const form = useForm<Values>({
    resolver: virtualKey ? (zodResolver(rotateFormSchema(provider, virtualKey.settings) as never) as unknown as Resolver<Values>) : undefined,
    defaultValues: { secret: {}, settings: {} },
  });
  const close = () => {
    form.reset({ secret: {}, settings: {} });
    rotate.reset();
    onClose();
  };
  const submit = form.handleSubmit((values) => {
    if (virtualKey) rotate.mutate({ slug: virtualKey.slug, body: { secret: values.secret } as never }, { onSuccess: close });
  });
  return (
    <Modal opened={virtualKey !== null} onClose={close} title={`Rotate ${virtualKey?.name ?? ''}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            The new secret replaces <b className="mono">{virtualKey?.secretHint}</b> at once in every gateway process. The slug{' '}
            <span className="mono">{virtualKey?.slug}</span> stays, so configs keep working.
          </Text>
          {rotate.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(rotate.error)}
            </Alert>
          )}
          <CredentialFields fields={fields} register={form.register} control={form.control} setValue={form.setValue} errors={form.formState.errors} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={rotate.isPending}>
              Rotate secret
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
