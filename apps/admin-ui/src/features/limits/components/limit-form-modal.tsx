import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { errorMessage } from '../../../lib/api-error';
import type { LimitScope, LimitScopeTargets, PutLimitBody, UsageLimit } from '../../../lib/contract';
import { usePutLimit } from '../api/limits';

type Amount = number | string;
export interface LimitFormValues {
  scope: LimitScope;
  scopeId: string;
  requestsPerMinute: Amount;
  tokensPerMinute: Amount;
  concurrentRequests: Amount;
  costPerDayUsd: Amount;
  costPerMonthUsd: Amount;
  /** Percent of a budget, 1-100. */
  alertPercent: Amount;
}

const SCOPES: { value: LimitScope; label: string }[] = [
  { value: 'workspace', label: 'The whole workspace' },
  { value: 'api_key', label: 'A gateway API key' },
  { value: 'virtual_key', label: 'A virtual key' },
  { value: 'config', label: 'A saved config' },
];

const amount = (value: Amount): number | null => (value === '' || value === undefined || Number.isNaN(Number(value)) ? null : Number(value));

/** The PUT body: an empty field is "no limit" (null). */
export function toBody(values: LimitFormValues): PutLimitBody {
  const percent = amount(values.alertPercent);
  const body = {
    scope: values.scope,
    ...(values.scope === 'workspace' ? {} : { scopeId: values.scopeId }),
    requestsPerMinute: amount(values.requestsPerMinute),
    tokensPerMinute: amount(values.tokensPerMinute),
    concurrentRequests: amount(values.concurrentRequests),
    costPerDayUsd: amount(values.costPerDayUsd),
    costPerMonthUsd: amount(values.costPerMonthUsd),
    alertThreshold: percent === null ? null : percent / 100,
  } satisfies PutLimitBody;
  return body;
}

function valuesOf(limit: UsageLimit | null): LimitFormValues {
  return {
    scope: limit?.scope ?? 'workspace',
    scopeId: limit?.scopeId ?? '',
    requestsPerMinute: limit?.requestsPerMinute ?? '',
    tokensPerMinute: limit?.tokensPerMinute ?? '',
    concurrentRequests: limit?.concurrentRequests ?? '',
    costPerDayUsd: limit?.costPerDayUsd ?? '',
    costPerMonthUsd: limit?.costPerMonthUsd ?? '',
    alertPercent: limit?.alertThreshold != null ? Math.round(limit.alertThreshold * 100) : '',
  };
}

function scopeOptions(scope: LimitScope, targets: LimitScopeTargets | undefined): { value: string; label: string }[] {
  if (!targets) return [];
  if (scope === 'api_key') return targets.apiKeys.filter((k) => k.kind === 'gateway' && !k.revokedAt).map((k) => ({ value: k.id, label: `${k.name} (${k.hint})` }));
  if (scope === 'virtual_key') return targets.virtualKeys.map((k) => ({ value: k.slug, label: `${k.name} (${k.slug})` }));
  if (scope === 'config') return targets.configs.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }));
  return [];
}

/** Sets one scope's limits (a new scope, or `editing` one: then the scope is fixed). */
export function LimitFormModal({ workspaceId, opened, editing, targets, onClose }: {
  workspaceId: string;
  opened: boolean;
  editing: UsageLimit | null;
  targets: LimitScopeTargets | undefined;
  onClose: () => void;
}) {
  const put = usePutLimit(workspaceId);
  const form = useForm<LimitFormValues>({ defaultValues: valuesOf(editing) });
  useEffect(() => {
    if (opened) form.reset(valuesOf(editing));
  }, [opened, editing, form]);
  const scope = form.watch('scope');
  const close = () => {
    put.reset();
    onClose();
  };
  const submit = form.handleSubmit((values) => put.mutate(toBody(values), { onSuccess: close }));
  const number = (name: keyof LimitFormValues, label: string, props: { prefix?: string; suffix?: string; decimalScale?: number; max?: number } = {}) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <NumberInput label={label} placeholder="no limit" min={0} allowNegative={false} thousandSeparator="," value={field.value} onChange={field.onChange} {...props} />
      )}
    />
  );
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Edit limits' : 'Set limits'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {put.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(put.error)}
            </Alert>
          )}
          <Controller
            control={form.control}
            name="scope"
            render={({ field }) => (
              <Select label="Applies to" data={SCOPES} value={field.value} onChange={(v) => field.onChange(v ?? 'workspace')} allowDeselect={false} disabled={editing !== null} />
            )}
          />
          {scope !== 'workspace' && (
            <Controller
              control={form.control}
              name="scopeId"
              rules={{ required: 'Choose which one' }}
              render={({ field, fieldState }) => (
                <Select
                  label={SCOPES.find((s) => s.value === scope)?.label.replace(/^An? /, '').replace(/^./, (c) => c.toUpperCase())}
                  data={scopeOptions(scope, targets)}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  searchable
                  disabled={editing !== null}
                  error={fieldState.error?.message}
                  nothingFoundMessage="None in this workspace"
                />
              )}
            />
          )}
          <Text size="sm" c="dimmed">
            Leave a field empty for no limit. Requests over a limit get a 429; every gateway process applies a change within a second.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {number('requestsPerMinute', 'Requests per minute')}
            {number('tokensPerMinute', 'Tokens per minute')}
            {number('concurrentRequests', 'Concurrent requests')}
            <div />
            {number('costPerDayUsd', 'Budget per day (UTC)', { prefix: '$', decimalScale: 6 })}
            {number('costPerMonthUsd', 'Budget per month (UTC)', { prefix: '$', decimalScale: 6 })}
            {number('alertPercent', 'Budget alert at', { suffix: '%', max: 100 })}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={put.isPending}>
              Save limits
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
