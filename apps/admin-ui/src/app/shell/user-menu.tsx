import { Avatar, Badge, Menu, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import { IconLogout } from '../../components/icons';
import { paths } from '../../lib/paths';
import { useLogout } from '../../features/auth/api/session';

export function UserMenu({ email, role }: { email: string | null; role?: string }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const initials = (email ?? '?').slice(0, 2).toUpperCase();
  const signOut = (everywhere: boolean) => logout.mutate({ everywhere }, { onSettled: () => navigate(paths.signIn, { replace: true }) });
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="Account">
          <Avatar radius="xl" size={34} color="indigo">
            {initials}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text size="sm" px="sm" pb={4} truncate>
          {email ?? 'an admin API key'}
        </Text>
        {role && (
          <Badge ml="sm" mb="xs" variant="light" size="sm">
            {role}
          </Badge>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout width={16} />} onClick={() => signOut(false)}>
          Sign out
        </Menu.Item>
        {email && <Menu.Item onClick={() => signOut(true)}>Sign out everywhere</Menu.Item>}
      </Menu.Dropdown>
    </Menu>
  );
}
