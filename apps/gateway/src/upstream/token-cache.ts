import type { ProviderOptions, TokenHttp, TokenSource } from '@aigw/providers';
import { BoundedCache } from '../proxy/bounded-cache.js';
import type { UpstreamClient } from './upstream-client.js';

/** Tokens are renewed this long before they expire, so none is used in its last minutes. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * OAuth tokens that providers need first (Vertex service accounts, Azure Entra client
 * credentials), fetched through the pooled upstream client and cached per credential until
 * shortly before expiry. Concurrent requests for the same credential share one fetch.
 */
export class TokenCache {
  private readonly tokens = new BoundedCache<string, { accessToken: string; expiresAt: number }>(1000);
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The access token for these options, or undefined when the provider needs none for them. */
  async accessToken(source: TokenSource, options: ProviderOptions): Promise<string | undefined> {
    const key = source.cacheKey(options);
    if (key === undefined) return undefined;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > this.now()) return cached.accessToken;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetch(source, options, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async fetch(source: TokenSource, options: ProviderOptions, key: string): Promise<string> {
    const fetched = await source.fetchToken(options, this.http, new Date(this.now()));
    this.tokens.set(key, { accessToken: fetched.accessToken, expiresAt: this.now() + fetched.expiresInSeconds * 1000 });
    return fetched.accessToken;
  }

  private readonly http: TokenHttp = async ({ url, headers, body }) => {
    const response = await this.upstream.request({ url, method: 'POST', headers, body });
    const text = await response.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.statusCode, json };
  };
}
