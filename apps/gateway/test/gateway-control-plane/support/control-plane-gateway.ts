/**
 * The gateway with its control plane, in process, for the end-to-end tests of virtual keys, saved
 * configs, gateway API keys and request logs: the real HTTP stack (startGateway) over a private,
 * migrated Postgres database (createTestDatabase), seeded through the same app's services.
 */
import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { GatewayConfig } from '../../../src/config/gateway-config.js';
import { ControlPlaneModule } from '../../../src/control-plane/control-plane.module.js';
import type { ControlPlaneOptions } from '../../../src/control-plane/control-plane.options.js';
import { type RunningGateway, startGateway } from '../../support/gateway-harness.js';
import { seedWorkspace, type SeededWorkspace, testOptions } from '../../control-plane/support/control-plane-harness.js';

export interface ControlPlaneGateway extends RunningGateway {
  get<T>(token: Type<T> | (abstract new (...args: never[]) => T)): T;
  seed(name: string): Promise<SeededWorkspace>;
}

/**
 * One master key for every gateway of a test file: gateways sharing a database must share it, or
 * virtual keys stored through one cannot be decrypted by another (testOptions draws a new one per call).
 */
const MASTER_KEY = randomBytes(32);

export async function startControlPlaneGateway(
  databaseUrl: string,
  options: { gateway?: Partial<GatewayConfig>; controlPlane?: Partial<ControlPlaneOptions> } = {},
): Promise<ControlPlaneGateway> {
  const gateway = await startGateway(options.gateway, ControlPlaneModule.forRoot(testOptions(databaseUrl, { masterKey: MASTER_KEY, ...options.controlPlane })));
  const get = <T>(token: Type<T> | (abstract new (...args: never[]) => T)): T => gateway.app.get(token as Type<T>);
  return { ...gateway, get, seed: (name) => seedWorkspace({ get }, name) };
}

export interface GatewayAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** POST /v1/chat/completions with exactly the given headers (no Authorization unless given). */
export async function chat(
  url: string,
  headers: Record<string, string>,
  body: Record<string, unknown> = {},
): Promise<GatewayAnswer> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello gateway' }], ...body }),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Every header value the mock provider received, for "this secret never went upstream" checks. */
export function headerValues(headers: Record<string, string | string[] | undefined>): string {
  return Object.values(headers)
    .flat()
    .filter((v): v is string => typeof v === 'string')
    .join('\n');
}
