import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { Controller, type Resolver, useFieldArray, useForm } from 'react-hook-form';
import { IconPlus } from '../../../components/icons';
import { ApiError, errorMessage } from '../../../lib/api-error';
import type { SsoConnection } from '../../../lib/contract';
import { useSaveSsoConnection } from '../api/sso';
import { type ConnectionValues, connectionSchema, EMPTY_CONNECTION, toBody, valuesOf } from './connection-form';

const ROLES = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Admin' },
  { value: 'owner', label: 'Owner' },
];

/** Add or edit an OpenID Connect connection; `connection` null = closed, 'new' = add. */
export function ConnectionModal({ workspaceId, connection, onClose }: { workspaceId: string; connection: SsoConnection | 'new' | null; onClose: () => void }) {
  const editing = connection !== null && connection !== 'new';
  const save = useSaveSsoConnection(workspaceId);
  const form = useForm<ConnectionValues>({
    resolver: zodResolver(connectionSchema(editing) as never) as unknown as Resolver<ConnectionValues>,
    values: editing ? valuesOf(connection) : EMPTY_CONNECTION,
  });
  const mappings = useFieldArray({ control: form.control, name: 'roleMappings' });
  const errors = form.formState.errors;
  const close = () => {
    save.reset();
    onClose();
  };
  const submit = form.handleSubmit((values) =>
    save.mutate(
      { id: editing ? connection.id : undefined, body: toBody(values, editing) as never },
      {
        onSuccess: close,
        onError: (error) => error instanceof ApiError && error.field && form.setError(error.field as never, { message: error.message }),
      },
    ),
  );

  return (
    <Modal opened={connection !== null} onClose={close} title={editing ? `Edit ${connection.name}` : 'New SSO connection'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <TextInput label="Name (shown as “Sign in with …”)" placeholder="Okta" withAsterisk error={errors.name?.message} {...form.register('name')} />
          <TextInput label="Issuer URL" placeholder="https://acme.okta.com/oauth2/default" withAsterisk error={errors.issuer?.message} {...form.register('issuer')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Client id" withAsterisk error={errors.clientId?.message} {...form.register('clientId')} />
            <PasswordInput
              label="Client secret"
              withAsterisk={!editing}
              placeholder={editing ? `keep ${connection.clientSecretHint}` : undefined}
              autoComplete="new-password"
              error={errors.clientSecret?.message}
              {...form.register('clientSecret')}
            />
          </SimpleGrid>
          <Controller control={form.control} name="scopes" render={({ field }) => <TagsInput label="Scopes" value={field.value} onChange={field.onChange} error={errors.scopes?.message} />} />
          <TextInput label="Groups claim" description="Dotted paths reach nested claims (realm_access.roles)" error={errors.groupsClaim?.message} {...form.register('groupsClaim')} />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Role mappings
            </Text>
            {mappings.fields.map((row, i) => (
              <Group key={row.id} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput placeholder="claim (groups)" aria-label={`Claim of rule ${i + 1}`} w={130} {...form.register(`roleMappings.${i}.claim`)} />
                <TextInput placeholder="value (gateway-admins)" aria-label={`Value of rule ${i + 1}`} style={{ flex: 1 }} error={errors.roleMappings?.[i]?.value?.message} {...form.register(`roleMappings.${i}.value`)} />
                <Controller
                  control={form.control}
                  name={`roleMappings.${i}.role`}
                  render={({ field }) => <Select aria-label={`Role of rule ${i + 1}`} data={ROLES} value={field.value} onChange={(v) => field.onChange(v ?? 'viewer')} w={110} allowDeselect={false} />}
                />
                <Button variant="subtle" color="red" size="xs" mt={4} onClick={() => mappings.remove(i)} aria-label={`Remove rule ${i + 1}`}>
                  Remove
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="light" size="xs" leftSection={<IconPlus width={14} />} onClick={() => mappings.append({ claim: '', value: '', role: 'viewer' })}>
                Add a rule
              </Button>
            </Group>
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={form.control}
              name="defaultRole"
              render={({ field }) => (
                <Select
                  label="Default role"
                  description="For people no rule maps"
                  data={[{ value: '', label: 'No access' }, ...ROLES]}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? '')}
                  allowDeselect={false}
                />
              )}
            />
            <Controller
              control={form.control}
              name="allowedDomains"
              render={({ field }) => (
                <TagsInput label="Allowed email domains" description="Empty: any domain" placeholder="acme.com" value={field.value} onChange={field.onChange} error={errors.allowedDomains?.message} />
              )}
            />
          </SimpleGrid>
          <Controller control={form.control} name="enabled" render={({ field }) => <Switch label="Enabled" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? 'Save connection' : 'Add connection'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
