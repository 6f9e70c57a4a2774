/** Members of a workspace and their roles. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { AddMemberBody, Member, Role } from '../../../lib/contract';

export const memberKeys = {
  all: (ws: string) => ['workspaces', ws, 'members'] as const,
  list: (ws: string) => [...memberKeys.all(ws), 'list'] as const,
};

export const membersQuery = (ws: string) => queryOptions({ queryKey: memberKeys.list(ws), queryFn: () => api.get<Member[]>(wsPath(ws, '/members')) });
export const useMembers = (ws: string) => useQuery(membersQuery(ws));

export function useAddMember(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberBody) => api.post<Member>(wsPath(ws, '/members'), body),
    meta: { silent: true, success: 'Member added.' },
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.all(ws) }),
  });
}

export function useChangeRole(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => api.patch<Member>(wsPath(ws, `/members/${encodeURIComponent(userId)}`), { role }),
    meta: { success: 'Role changed.' },
    onSettled: () => client.invalidateQueries({ queryKey: memberKeys.all(ws) }),
  });
}

export function useRemoveMember(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(wsPath(ws, `/members/${encodeURIComponent(userId)}`)),
    meta: { success: 'Member removed.' },
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.all(ws) }),
  });
}
