/**
 * The admin API listening on a real 127.0.0.1 port (the SSO flow is a chain of browser redirects
 * between it and the IdP), with GATEWAY_PUBLIC_URL pointing at it as production would.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ControlPlaneOptions } from '../../../src/control-plane/control-plane.options.js';
import { startAdminApp } from '../../control-plane/support/control-plane-harness.js';
import { freePort } from './ports.js';

export const API = '/admin/api/v1';

export interface SsoApp {
  app: NestFastifyApplication;
  baseUrl: string;
  redirectUri: string;
  /** JSON call with a Bearer token (or none). */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export async function startSsoApp(options: ControlPlaneOptions, env: Record<string, string> = {}): Promise<SsoApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  process.env.GATEWAY_PUBLIC_URL = baseUrl;
  Object.assign(process.env, env);
  const app = await startAdminApp(options);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    baseUrl,
    redirectUri: `${baseUrl}${API}/auth/sso/callback`,
    async call(method, path, { token, body, headers } = {}) {
      const response = await fetch(`${baseUrl}${API}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        redirect: 'manual',
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => app.close(),
  };
}
