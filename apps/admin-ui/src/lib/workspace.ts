/**
 * The workspace of the current page comes from the URL (`/w/:workspaceId/…`), so deep links and
 * reloads land in the same workspace; its role comes from the session the shell loaded.
 */
import { createContext, useContext } from 'react';
import { useParams } from 'react-router';
import type { Workspace } from './contract';

export function useWorkspaceId(): string {
  const { workspaceId } = useParams();
  if (!workspaceId) throw new Error('useWorkspaceId used outside a /w/:workspaceId route');
  return workspaceId;
}

export const CurrentWorkspaceContext = createContext<Workspace | undefined>(undefined);

export function useCurrentWorkspace(): Workspace | undefined {
  return useContext(CurrentWorkspaceContext);
}
