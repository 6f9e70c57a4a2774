/**
 * Per-workspace settings the request path reads synchronously (whether to log bodies). Filled when
 * an API key of the workspace is loaded and kept current by invalidation; an unknown workspace
 * reads as "no bodies" while it loads in the background, the safe default.
 */
import { LookupRepository } from './lookup.repository.js';

export class WorkspaceSettingsCache {
  private readonly logBodies = new Map<string, boolean>();
  private readonly loading = new Set<string>();

  constructor(private readonly repository: LookupRepository) {}

  logsBodies(workspaceId: string): boolean {
    const value = this.logBodies.get(workspaceId);
    if (value === undefined) this.reload(workspaceId);
    return value ?? false;
  }

  remember(workspaceId: string, logBodies: boolean): void {
    this.logBodies.set(workspaceId, logBodies);
  }

  reload(workspaceId: string): void {
    if (this.loading.has(workspaceId)) return;
    this.loading.add(workspaceId);
    this.repository
      .workspaceLogsBodies(workspaceId)
      .then((value) => this.logBodies.set(workspaceId, value ?? false)) // unknown workspace: no bodies, and no re-query per request
      .catch(() => undefined)
      .finally(() => this.loading.delete(workspaceId));
  }

  forget(workspaceId?: string): void {
    if (workspaceId) this.logBodies.delete(workspaceId);
    else this.logBodies.clear();
  }
}
