import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { FILTER_FIELDS, type LogFilters, STATUSES, WINDOWS } from './log-filters';

const LABELS: Record<(typeof FILTER_FIELDS)[number], string> = {
  provider: 'Provider',
  model: 'Model',
  virtualKey: 'Virtual key',
  configId: 'Config id',
  apiKeyId: 'API key id',
  traceId: 'Trace id',
};

/** Text filters apply on Enter or blur, not per keystroke, so typing does not fire a search per letter. */
function TextFilter({ name, value, onApply }: { name: (typeof FILTER_FIELDS)[number]; value?: string; onApply: (value: string) => void }) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const apply = () => draft.trim() !== (value ?? '') && onApply(draft.trim());
  return (
    <TextInput
      label={LABELS[name]}
      size="xs"
      value={draft}
      placeholder="any"
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={apply}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
      classNames={{ input: 'mono' }}
    />
  );
}

export function LogFilterBar({ filters, onChange }: { filters: LogFilters; onChange: (patch: Partial<LogFilters>) => void }) {
  const textFilters = FILTER_FIELDS.filter((f) => filters[f]).length;
  const active = textFilters > 0 || Boolean(filters.status);
  // On a phone the six text filters would push the results off screen: they open on demand.
  const phone = useMediaQuery('(max-width: 48em)');
  const [more, setMore] = useState(false);
  const showText = !phone || more || textFilters > 0;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="xs" mb="md">
      <Select label="Time" size="xs" data={WINDOWS.map((w) => ({ value: w.value, label: w.label }))} value={filters.window} onChange={(v) => onChange({ window: v ?? '24h' })} allowDeselect={false} />
      <Select label="Status" size="xs" data={STATUSES} value={filters.status ?? ''} onChange={(v) => onChange({ status: v || undefined })} allowDeselect={false} />
      {showText &&
        FILTER_FIELDS.map((name) => <TextFilter key={name} name={name} value={filters[name]} onApply={(value) => onChange({ [name]: value || undefined })} />)}
      {!showText && (
        <Group align="flex-end">
          <Button size="xs" variant="light" onClick={() => setMore(true)}>
            More filters
          </Button>
        </Group>
      )}
      {active && (
        <Group align="flex-end">
          <Button size="xs" variant="subtle" onClick={() => onChange(Object.fromEntries([...FILTER_FIELDS, 'status'].map((f) => [f, undefined])))}>
            Clear filters
          </Button>
        </Group>
      )}
    </SimpleGrid>
  );
}
