/**
 * Embeds text for the semantic cache through the gateway's own provider layer: the configured
 * `cache.embedding` target (a provider with its key, or a virtual key of the workspace) gets an
 * ordinary embeddings call, with the same translation, egress policy and credentials handling as
 * client traffic. Bounded in time: a slow embedding costs a SEMANTIC MISS, not a stuck request.
 */
import { firstValueFrom, timeout } from 'rxjs';
import { toCamelCase } from '@aigw/config-schema';
import type { Json } from '@aigw/providers';
import type { LeafTarget } from '@aigw/strategies';
import type { ControlPlaneLookup } from '../control-plane/control-plane.port.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { ProxyLeafExecutor } from '../proxy/leaf-executor.js';
import { RequestContext } from '../request/request-context.js';
import type { TokenCache } from '../upstream/token-cache.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';

const EMBED_TIMEOUT_MS = 10_000;

export class EmbeddingClient {
  private readonly targets = new WeakMap<object, LeafTarget>();

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly lookup: ControlPlaneLookup,
    private readonly tokens: TokenCache,
    private readonly providers: ProviderRegistry,
  ) {}

  /** The vector for `text`, or an Error saying why there is none. */
  async embed(parent: RequestContext, settings: Record<string, unknown>, text: string): Promise<Float32Array> {
    const body: Json = { model: settings.model, input: text };
    if (typeof settings.dimensions === 'number') body.dimensions = settings.dimensions;
    const ctx = new RequestContext('embed', 'POST', '/v1/embeddings', {}, { providerOptions: {} }, body);
    ctx.workspaceId = parent.workspaceId;
    ctx.configId = parent.configId;
    const executor = new ProxyLeafExecutor(ctx, this.upstream, this.lookup, this.tokens, this.providers);
    const outcome = await firstValueFrom(executor.execute(this.targetFor(settings)).pipe(timeout(EMBED_TIMEOUT_MS)));
    if (!outcome.upstream) throw new Error(`embedding call failed: ${outcome.status} ${JSON.stringify(outcome.synthetic?.body)}`);
    const { response, endpoint, transform, model } = outcome.upstream;
    const text_ = await response.body.text();
    if (outcome.status < 200 || outcome.status >= 300) throw new Error(`embedding provider answered ${outcome.status}: ${text_.slice(0, 200)}`);
    const parsed = JSON.parse(text_) as Json;
    const openAi = endpoint.response ? endpoint.response(parsed, { ...transform, model, request: body }) : parsed;
    const vector = ((openAi.data as Json[] | undefined)?.[0]?.embedding ?? undefined) as number[] | undefined;
    if (!Array.isArray(vector) || vector.length === 0) throw new Error('embedding provider returned no vector');
    return Float32Array.from(vector);
  }

  /** `cache.embedding` as a leaf: snake_case keys as written in the config, camel-cased like any target's. */
  private targetFor(settings: Record<string, unknown>): LeafTarget {
    let target = this.targets.get(settings);
    if (!target) {
      const node: Record<string, unknown> = {};
      for (const key in settings) if (key !== 'model' && key !== 'dimensions') node[toCamelCase(key)] = settings[key];
      // Not `config`: that path means "provider from the request headers".
      target = { path: 'config.cache.embedding', node, overrideParams: {}, customHost: node.customHost as string | undefined };
      this.targets.set(settings, target);
    }
    return target;
  }
}
