/**
 * Settings of the admin API read from the environment once: the gateway's public base URL
 * (GATEWAY_PUBLIC_URL), which SSO callbacks are built from and browser Origins are checked
 * against. Never the Host header: behind a proxy it can be whatever the client sent.
 */
export const ADMIN_OPTIONS = Symbol('ADMIN_OPTIONS');

export interface AdminOptions {
  /** `https://gateway.example.com` (no trailing slash); undefined: same-origin checks use Host. */
  publicUrl?: string;
}

export function adminOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AdminOptions {
  const raw = env.GATEWAY_PUBLIC_URL?.trim();
  if (!raw) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`GATEWAY_PUBLIC_URL must be an absolute URL such as https://gateway.example.com, got "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('GATEWAY_PUBLIC_URL must be an http(s) URL.');
  return { publicUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** Whether cookies must be `Secure`: TLS at the gateway, at a proxy in front, or a public https URL. */
export function isSecureRequest(request: { protocol?: string; headers: Record<string, string | string[] | undefined> }, options: AdminOptions): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https' || options.publicUrl?.startsWith('https:') === true;
}
