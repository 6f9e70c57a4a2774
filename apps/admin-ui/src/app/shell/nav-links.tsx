import { NavLink, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { IconChart, IconGauge, IconKey, IconList, IconLock, IconPlay, IconRefresh, IconRoute, IconSettings, IconShield, IconTicket, IconUsers } from '../../components/icons';
import { paths } from '../../lib/paths';
import { can, type Permission } from '../../lib/permissions';
import { useCurrentWorkspace } from '../../lib/workspace';

interface Item {
  label: string;
  to: (ws: string) => string;
  icon: ReactNode;
  /** Hidden for roles whose API calls on that page would all be refused. */
  needs?: Permission;
}

const ITEMS: Item[] = [
  { label: 'Overview', to: paths.overview, icon: <IconChart /> },
  { label: 'Logs', to: paths.logs, icon: <IconList /> },
  { label: 'Configs', to: paths.configs, icon: <IconRoute /> },
  { label: 'Shadow traffic', to: paths.shadow, icon: <IconChart />, needs: 'analytics:read' },
  { label: 'Replays', to: paths.replays, icon: <IconRefresh />, needs: 'analytics:read' },
  { label: 'Playground', to: paths.playground, icon: <IconPlay />, needs: 'playground:run' },
  { label: 'Virtual keys', to: paths.virtualKeys, icon: <IconKey /> },
  { label: 'API keys', to: paths.apiKeys, icon: <IconTicket />, needs: 'api-keys:own' },
  { label: 'Limits', to: paths.limits, icon: <IconGauge />, needs: 'limits:read' },
  { label: 'Members', to: paths.members, icon: <IconUsers /> },
  { label: 'SSO', to: paths.sso, icon: <IconLock />, needs: 'sso:manage' },
  { label: 'Settings', to: paths.settings, icon: <IconSettings />, needs: 'workspace:manage' },
  { label: 'Audit log', to: paths.audit, icon: <IconShield />, needs: 'audit:read' },
];

export function NavLinks({ workspaceId, onNavigate }: { workspaceId: string; onNavigate: () => void }) {
  const workspace = useCurrentWorkspace();
  const { pathname } = useLocation();
  const items = ITEMS.filter((item) => !item.needs || can(workspace, item.needs));
  // The longest matching link is the current one (/settings/sso is SSO, not Settings).
  const current = items
    .map((item) => item.to(workspaceId))
    .filter((to) => pathname === to || pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <Stack gap={2} component="nav" aria-label="Console">
      {items.map((item) => {
        const to = item.to(workspaceId);
        return (
          <NavLink
            key={item.label}
            component={RouterLink}
            to={to}
            label={item.label}
            leftSection={item.icon}
            active={to === current}
            onClick={onNavigate}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </Stack>
  );
}
