import { Select } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import type { Workspace } from '../../lib/contract';

/**
 * Switches workspace and stays on the same kind of page (logs → logs), dropping ids that belong
 * to the old workspace (a config id, filters).
 */
export function WorkspaceSwitcher({ workspaces, current }: { workspaces: Workspace[]; current: string }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = pathname.split('/')[3] ?? 'overview';
  return (
    <Select
      aria-label="Workspace"
      data={workspaces.map((w) => ({ value: w.id, label: w.name }))}
      value={current}
      allowDeselect={false}
      searchable={workspaces.length > 6}
      onChange={(id) => id && id !== current && navigate(`/w/${encodeURIComponent(id)}/${section}`)}
      w={{ base: 150, sm: 220 }}
      size="sm"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
