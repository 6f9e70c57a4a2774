/** The workspace's own settings (name, body logging) and creating another workspace. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { CreateWorkspaceBody, UpdateWorkspaceBody, WorkspaceSettings } from '../../../lib/contract';

// The session query lists workspaces (switcher, roles): both writes refresh it.
const SESSION_KEY = ['session'] as const;

export function useUpdateWorkspace(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWorkspaceBody) => api.patch<WorkspaceSettings>(wsPath(ws), body),
    meta: { success: 'Workspace saved.' },
    onSuccess: () => client.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

export function useCreateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkspaceBody) => api.post<WorkspaceSettings>('/workspaces', body),
    meta: { silent: true },
    onSuccess: () => client.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}
