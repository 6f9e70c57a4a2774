import type { RoutingConfig } from '@aigw/config-schema';
import { isSavedConfigId, parseConfig, parseConfigHeader } from '@aigw/config-schema';
import { compileConfig, DIRECT_ROUTE_PLAN, type RoutePlan } from '@aigw/strategies';
import type { ControlPlaneLookup, ResolvedApiKey } from '../control-plane/control-plane.port.js';
import { GatewayError, badRequest } from '../errors/gateway-error.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { InboundRules } from '../inbound/inbound-rules.js';
import type { RequestContext } from '../request/request-context.js';
import { BoundedCache } from './bounded-cache.js';

/** A validated config plus what the request path needs to know about it, computed once. */
interface CompiledConfig {
  plan: RoutePlan;
  /** A root leaf without provider: provider and key come from the request headers. */
  headerLeaf: boolean;
  usesVirtualKeys: boolean;
  /** Saved configs only: the share of requests also sent to another saved config (shadow/). */
  shadow?: { configId: string; sampleRate: number };
}

const DIRECT: CompiledConfig = { plan: DIRECT_ROUTE_PLAN, headerLeaf: true, usesVirtualKeys: false };

/**
 * Decides what a request routes over: an inline config (parsed and validated once per distinct
 * header text, then cached), a saved config (`pc-…`, from the control plane's in-memory cache),
 * or a single target from `x-portkey-provider`. Also enforces gateway API keys where a workspace
 * resource is used.
 */
export class RoutePlanner {
  private readonly inlineConfigs = new BoundedCache<string, CompiledConfig | GatewayError>(1000);
  private readonly savedConfigs = new WeakMap<object, CompiledConfig>();

  constructor(
    private readonly lookup: ControlPlaneLookup,
    private readonly requireApiKey: boolean,
    private readonly providers: ProviderRegistry,
    /** The operator's inbound settings: which proxies and country header to believe about a client. */
    private readonly clients: InboundRules,
  ) {}

  async plan(ctx: RequestContext): Promise<RoutePlan> {
    const { headers } = ctx;
    const configText = headers.config;
    const saved = configText !== undefined && isSavedConfigId(configText.trim());

    if (saved || headers.virtualKey || this.requireApiKey) await this.authenticate(ctx);
    else if (headers.gatewayApiKey) await this.identify(ctx);

    let compiled: CompiledConfig;
    if (configText !== undefined && saved) {
      compiled = await this.savedConfig(ctx, configText.trim());
    } else if (configText !== undefined) {
      compiled = this.inlineConfig(configText);
      if (compiled.usesVirtualKeys && !ctx.workspaceId) await this.authenticate(ctx);
    } else if (headers.provider !== undefined) {
      this.checkProvider(headers.provider);
      compiled = DIRECT;
    } else if (headers.virtualKey !== undefined) {
      compiled = DIRECT;
    } else {
      throw badRequest('Either x-portkey-config or x-portkey-provider header is required');
    }

    if (compiled.headerLeaf && compiled !== DIRECT) {
      if (headers.provider === undefined && !headers.virtualKey) {
        throw badRequest('Either x-portkey-provider needs to be passed. Or the x-portkey-config header should have a valid config with provider details in it.');
      }
      if (headers.provider !== undefined) this.checkProvider(headers.provider);
    }
    return compiled.plan;
  }

  private inlineConfig(text: string): CompiledConfig {
    let entry = this.inlineConfigs.get(text);
    if (!entry) {
      const parsed = parseConfigHeader(text);
      entry = parsed.ok ? compileOrError(parsed.config, this.providers) : new GatewayError('bad-request', parsed.message, parsed.errors?.length ? parsed.errors : undefined);
      this.inlineConfigs.set(text, entry);
    }
    if (entry instanceof GatewayError) throw entry;
    return entry;
  }

  private async savedConfig(ctx: RequestContext, id: string): Promise<CompiledConfig> {
    const found = await this.lookup.savedConfig(ctx.workspaceId ?? '', id);
    if (!found.ok) throw new GatewayError('not-found', `Config ${id} was not found in this workspace`);
    ctx.configId = id;
    ctx.configVersion = found.value.version;
    const raw = found.value.config as object;
    let compiled = this.savedConfigs.get(raw);
    if (!compiled) {
      const parsed = parseConfig(raw);
      if (!parsed.ok) throw new GatewayError('bad-request', parsed.message, parsed.errors);
      compiled = compile(parsed.config, this.providers);
      this.savedConfigs.set(raw, compiled);
    }
    // The only shadow work for configs without one: this property check. A shadow or replay run is never shadowed again.
    if (compiled.shadow && !ctx.background && Math.random() < compiled.shadow.sampleRate) ctx.shadow = { configId: compiled.shadow.configId };
    return compiled;
  }

  private checkProvider(provider: string): void {
    if (!this.providers.has(provider)) throw badRequest('Invalid provider passed');
  }

  /** The request uses a workspace resource (or keys are required): a valid gateway key or 401. */
  private async authenticate(ctx: RequestContext): Promise<void> {
    if (ctx.workspaceId) return;
    const { headers } = ctx;
    const key = headers.gatewayApiKey ?? headers.bearer;
    if (!key) throw new GatewayError('unauthorized', 'A gateway API key is required: send it in x-portkey-api-key');
    if (!this.lookup.enabled) throw new GatewayError('unauthorized', 'Gateway API keys, virtual keys and saved configs need the control plane (a database)');
    const found = await this.lookup.authenticate(key);
    if (!found.ok) throw new GatewayError('unauthorized', `Invalid gateway API key: ${found.reason}`);
    this.useKey(ctx, key, found.value);
  }

  /**
   * The request needs no workspace resource but carries `x-portkey-api-key`. The Portkey SDK
   * always sends one, and against a self-hosted gateway people put their Portkey key or any value
   * there: a key we never issued is ignored and the request runs anonymously, as the reference
   * gateway (which never reads the header) would run it. A key of ours is used (workspace, logs);
   * a revoked or expired one is still refused, so its holder learns it no longer works instead
   * of silently losing attribution.
   */
  private async identify(ctx: RequestContext): Promise<void> {
    const key = ctx.headers.gatewayApiKey;
    if (!key || !this.lookup.enabled) return;
    const found = await this.lookup.authenticate(key);
    if (found.ok) this.useKey(ctx, key, found.value);
    else if (found.reason !== 'not-found') throw new GatewayError('unauthorized', `Invalid gateway API key: ${found.reason}`);
  }

  private useKey(ctx: RequestContext, key: string, resolved: ResolvedApiKey): void {
    ctx.workspaceId = resolved.workspaceId;
    ctx.apiKeyId = resolved.id;
    this.checkWorkspaceInbound(ctx, resolved.workspaceId);
    // A bearer token that is the gateway key is not a provider key: never send it upstream. The
    // Portkey SDK sends its key both ways when no provider Authorization is given.
    if (ctx.headers.bearer === key || !ctx.headers.gatewayApiKey) ctx.headers.bearer = undefined;
  }

  /** A workspace's own inbound rules, judged on the client the operator's settings resolve. */
  private checkWorkspaceInbound(ctx: RequestContext, workspaceId: string): void {
    const rules = this.lookup.inboundRules(workspaceId);
    if (!rules) return;
    const raw = ctx.rawHeaders;
    const client = this.clients.resolveClient({
      peer: ctx.incoming?.socket.remoteAddress,
      forwardedFor: raw['x-forwarded-for'],
      country: this.clients.countryHeader ? raw[this.clients.countryHeader] : undefined,
    });
    const decision = rules.judge(client);
    if (!decision.allowed) throw new GatewayError('forbidden', `Request refused by the workspace's inbound rules: ${decision.reason}`);
  }
}

function compileOrError(config: RoutingConfig, providers: ProviderRegistry): CompiledConfig | GatewayError {
  try {
    return compile(config, providers);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
}

function compile(config: RoutingConfig, providers: ProviderRegistry): CompiledConfig {
  const unknown = unknownProviders(config, [], providers);
  if (unknown.length) throw new GatewayError('bad-request', 'Invalid config passed', unknown);
  return { plan: compileConfig(config), headerLeaf: isHeaderLeaf(config), usesVirtualKeys: mentionsVirtualKey(config), shadow: config.shadow };
}

/** Providers the registry does not know, as schema-style errors naming their path. */
function unknownProviders(node: RoutingConfig, path: (string | number)[], providers: ProviderRegistry): string[] {
  const n = node as { provider?: string; targets?: RoutingConfig[] };
  const errors = n.provider !== undefined && !providers.has(n.provider) ? [`path: ${[...path, 'provider'].join(',')}, message: Invalid provider passed: ${n.provider}`] : [];
  (n.targets ?? []).forEach((child, i) => errors.push(...unknownProviders(child, [...path, 'targets', i], providers)));
  return errors;
}

function mentionsVirtualKey(node: RoutingConfig): boolean {
  const n = node as { virtualKey?: unknown; targets?: RoutingConfig[] };
  return n.virtualKey !== undefined || (n.targets ?? []).some(mentionsVirtualKey);
}

function isHeaderLeaf(config: RoutingConfig): boolean {
  const n = config as { provider?: unknown; targets?: unknown; virtualKey?: unknown };
  return n.provider === undefined && n.targets === undefined && n.virtualKey === undefined;
}
