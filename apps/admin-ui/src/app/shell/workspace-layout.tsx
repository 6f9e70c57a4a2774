/**
 * The signed-in frame: header (menu button on phones, workspace switcher, theme, account), the
 * navigation, and the page. Checks the URL's workspace against the session's, so a stale or
 * foreign link says so instead of showing empty pages.
 */
import { AppShell, Burger, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { IconLogo } from '../../components/icons';
import { EmptyPanel, LoadingRows } from '../../components/query-states';
import { paths } from '../../lib/paths';
import { CurrentWorkspaceContext } from '../../lib/workspace';
import { useMe } from '../../features/auth/api/session';
import { rememberWorkspace } from '../home-redirect';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

export function WorkspaceLayout() {
  const { workspaceId = '' } = useParams();
  const { data: me } = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const workspaces = me?.workspaces ?? [];
  const current = workspaces.find((w) => w.id === workspaceId);
  useEffect(() => {
    if (current) rememberWorkspace(current.id);
  }, [current]);

  return (
    <CurrentWorkspaceContext.Provider value={current}>
      <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
              <Link to={current ? paths.overview(current.id) : '/'} style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit', textDecoration: 'none' }}>
                <IconLogo />
                <Text fw={700} visibleFrom="xs">
                  AI Gateway
                </Text>
              </Link>
              {workspaces.length > 0 && <WorkspaceSwitcher workspaces={workspaces} current={workspaceId} />}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <ThemeToggle />
              <UserMenu email={me?.email ?? null} role={current?.role} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm">
          <AppShell.Section grow component={ScrollArea}>
            <NavLinks workspaceId={workspaceId} onNavigate={close} />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main>
          <div style={{ maxWidth: 1280, margin: '0 auto' }}>
            {current ? (
              <Suspense fallback={<LoadingRows rows={6} />}>
                <Outlet />
              </Suspense>
            ) : (
              <EmptyPanel title="Workspace not found">
                This workspace does not exist or you are not a member of it. Pick another one from the switcher.
              </EmptyPanel>
            )}
          </div>
        </AppShell.Main>
      </AppShell>
    </CurrentWorkspaceContext.Provider>
  );
}
