/**
 * Resolves what a dry run routes over, the way the gateway would: a saved config of the workspace
 * (`configId`, or a `pc-…` id in x-portkey-config), a draft config, or a JSON x-portkey-config
 * header; validated by the shared schema and the provider registry; then explained by the routing
 * engine. Virtual keys are looked up in the workspace so the answer shows their provider (or that
 * they are missing). Nothing is sent upstream.
 */
import { isSavedConfigId, parseConfig, type RoutingConfig } from '@aigw/config-schema';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigsService } from '../../control-plane/configs/configs.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../control-plane/control-plane.errors.js';
import { VirtualKeysService } from '../../control-plane/virtual-keys/virtual-keys.service.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import type { DryRunRequest } from './dry-run.schema.js';
import { explainRoute, type DryRunResult, type PlanView, type TargetSummary } from './route-explainer.js';

export type DryRunResponse = DryRunResult & { config: { source: 'saved'; id: string; version: number } | { source: 'draft' } };

function header(headers: Record<string, string>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}

function invalidHeader(name: string, message: string): ControlPlaneError {
  return ControlPlaneError.invalid(`request.headers.${name}`, message);
}

@Injectable()
export class DryRunService {
  private readonly providers: ProviderRegistry;

  constructor(
    private readonly configs: ConfigsService,
    private readonly virtualKeys: VirtualKeysService,
    // The gateway's registry (plug-ins included); an admin API started on its own knows the built-ins.
    @Optional() @Inject(ProviderRegistry) providers?: ProviderRegistry,
  ) {
    this.providers = providers ?? ProviderRegistry.withBuiltIns();
  }

  async run(workspaceId: string, input: DryRunRequest): Promise<DryRunResponse> {
    const { headers } = input.request;
    const { raw, source } = await this.configSource(workspaceId, input);
    const parsed = parseConfig(raw);
    if (!parsed.ok) throw new ControlPlaneError(ControlPlaneErrorCode.Invalid, parsed.message, 'config', parsed.errors);
    const unknown = unknownProviders(this.providers, parsed.config, []);
    if (unknown.length) throw new ControlPlaneError(ControlPlaneErrorCode.Invalid, 'Invalid config passed', 'config', unknown);

    const result = explainRoute({
      config: parsed.config,
      ctx: {
        metadata: { ...this.metadataHeader(headers), ...input.request.metadata },
        params: input.request.body,
        url: { pathname: input.request.path },
        requestTimeout: this.timeoutHeader(headers),
      },
      headerProvider: header(headers, 'x-portkey-provider'),
      failureStatus: input.failureStatus,
      seed: input.seed,
    });
    await this.describeVirtualKeys(workspaceId, result);
    return { config: source, ...result };
  }

  private async configSource(workspaceId: string, input: DryRunRequest): Promise<{ raw: unknown; source: DryRunResponse['config'] }> {
    if (input.config !== undefined) return { raw: input.config, source: { source: 'draft' } };
    const fromHeader = header(input.request.headers, 'x-portkey-config')?.trim();
    const id = input.configId ?? (fromHeader !== undefined && isSavedConfigId(fromHeader) ? fromHeader : undefined);
    if (id !== undefined) {
      const saved = input.version !== undefined ? await this.configs.getVersion(workspaceId, id, input.version) : await this.configs.get(workspaceId, id);
      const version = 'currentVersion' in saved ? saved.currentVersion : saved.version;
      return { raw: saved.config, source: { source: 'saved', id, version } };
    }
    if (fromHeader !== undefined) {
      try {
        return { raw: JSON.parse(fromHeader), source: { source: 'draft' } };
      } catch {
        throw invalidHeader('x-portkey-config', 'is neither a saved config id (pc-…) nor JSON');
      }
    }
    throw ControlPlaneError.invalid('config', 'give configId, a draft config, or an x-portkey-config request header');
  }

  private metadataHeader(headers: Record<string, string>): Record<string, unknown> {
    const raw = header(headers, 'x-portkey-metadata');
    if (raw === undefined) return {};
    try {
      const value = JSON.parse(raw) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw invalidHeader('x-portkey-metadata', 'must be a JSON object');
  }

  private timeoutHeader(headers: Record<string, string>): number | undefined {
    const raw = header(headers, 'x-portkey-request-timeout');
    if (raw === undefined) return undefined;
    const ms = Number(raw);
    if (!Number.isInteger(ms) || ms <= 0) throw invalidHeader('x-portkey-request-timeout', 'must be a positive integer of milliseconds');
    return ms;
  }

  /** Fills in each virtual key's provider, or marks it missing (the gateway would answer 400). */
  private async describeVirtualKeys(workspaceId: string, result: DryRunResult): Promise<void> {
    const targets: TargetSummary[] = [];
    const collect = (node: PlanView) => {
      if (node.target) targets.push(node.target);
      node.children?.forEach(collect);
    };
    collect(result.plan);
    if (result.route) targets.push(result.route.target);
    const providers = new Map<string, string | null>();
    for (const target of targets) {
      if (target.virtualKey === undefined) continue;
      if (!providers.has(target.virtualKey)) {
        providers.set(target.virtualKey, await this.virtualKeys.get(workspaceId, target.virtualKey).then((vk) => vk.provider, () => null));
      }
      const provider = providers.get(target.virtualKey)!;
      Object.assign(target, provider === null ? { virtualKeyMissing: true } : { provider });
    }
  }
}

/** Providers the registry does not know, as schema-style errors naming their path (as the gateway reports them). */
function unknownProviders(providers: ProviderRegistry, node: RoutingConfig, path: (string | number)[]): string[] {
  const errors = node.provider !== undefined && !providers.has(node.provider) ? [`path: ${[...path, 'provider'].join(',')}, message: Invalid provider passed: ${node.provider}`] : [];
  (node.targets ?? []).forEach((child, i) => errors.push(...unknownProviders(providers, child, [...path, 'targets', i])));
  return errors;
}
