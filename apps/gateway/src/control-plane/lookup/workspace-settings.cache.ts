/**
 * Per-workspace settings the request path reads synchronously: whether to log bodies, and the
 * workspace's own inbound rules (compiled once). Filled when an API key of the workspace is
 * loaded (the settings come with it) and kept current by invalidation; an unknown workspace
 * reads as "no bodies, no rules of its own" while it loads in the background.
 */
import type { InboundRules } from '../../inbound/inbound-rules.js';
import { compileWorkspaceInboundRules } from '../../inbound/workspace-inbound-rules.js';
import type { LookupRepository, WorkspaceSettingsRecord } from './lookup.repository.js';

interface Settings {
  logBodies: boolean;
  inbound?: InboundRules;
}

const NONE: Settings = { logBodies: false };

export class WorkspaceSettingsCache {
  private readonly settings = new Map<string, Settings>();
  private readonly loading = new Set<string>();

  constructor(private readonly repository: LookupRepository) {}

  logsBodies(workspaceId: string): boolean {
    return this.get(workspaceId).logBodies;
  }

  inboundRules(workspaceId: string): InboundRules | undefined {
    return this.get(workspaceId).inbound;
  }

  remember(workspaceId: string, record: WorkspaceSettingsRecord): void {
    this.settings.set(workspaceId, compile(record));
  }

  reload(workspaceId: string): void {
    if (this.loading.has(workspaceId)) return;
    this.loading.add(workspaceId);
    this.repository
      .workspaceSettings(workspaceId)
      // An unknown workspace: the defaults, and no re-query per request.
      .then((record) => this.settings.set(workspaceId, record ? compile(record) : NONE))
      .catch(() => undefined)
      .finally(() => this.loading.delete(workspaceId));
  }

  forget(workspaceId?: string): void {
    if (workspaceId) this.settings.delete(workspaceId);
    else this.settings.clear();
  }

  private get(workspaceId: string): Settings {
    const value = this.settings.get(workspaceId);
    if (value === undefined) this.reload(workspaceId);
    return value ?? NONE;
  }
}

function compile(record: WorkspaceSettingsRecord): Settings {
  let inbound: InboundRules | undefined;
  try {
    inbound = compileWorkspaceInboundRules(record.inboundRules);
  } catch {
    // Validated when saved; a row edited by hand into nonsense is ignored rather than failing requests.
  }
  return { logBodies: record.logBodies, inbound };
}
