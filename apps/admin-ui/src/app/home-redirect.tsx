import { Navigate, useLocation } from 'react-router';
import { EmptyPanel } from '../components/query-states';
import { paths } from '../lib/paths';
import { useMe } from '../features/auth/api/session';

const LAST_WORKSPACE = 'aigw.console.workspace';

export function rememberWorkspace(id: string): void {
  try {
    localStorage.setItem(LAST_WORKSPACE, id);
  } catch {
    // Private windows may refuse storage; the first workspace is a fine default.
  }
}

/** `/admin/` opens the workspace used last (or the first one); `section` keeps a page and its query. */
export function HomeRedirect({ section }: { section?: string }) {
  const { data } = useMe();
  const { search } = useLocation();
  const workspaces = data?.workspaces ?? [];
  if (workspaces.length === 0) {
    return (
      <EmptyPanel title="No workspace yet">
        Your account is not a member of any workspace. Ask an owner to add you.
      </EmptyPanel>
    );
  }
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_WORKSPACE);
  } catch {
    last = null;
  }
  const target = workspaces.find((w) => w.id === last) ?? workspaces[0]!;
  return <Navigate to={section ? `${paths.workspace(target.id)}/${section}${search}` : paths.overview(target.id)} replace />;
}
