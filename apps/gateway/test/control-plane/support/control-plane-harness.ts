/**
 * Starts the control plane the way the gateway does (ControlPlaneModule in a Nest context), for
 * integration tests: `startControlPlane` without HTTP, `startAdminApp` with the admin API on
 * Fastify. `seedWorkspace` creates a workspace with a gateway API key, and helpers for virtual
 * keys and saved configs, through the real services (the gateway e2e tests use it too).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { setupAdminOpenApi } from '../../../src/admin/openapi.js';
import { ApiKeysService } from '../../../src/control-plane/api-keys/api-keys.service.js';
import type { Actor } from '../../../src/control-plane/audit/actor.js';
import { ConfigsService } from '../../../src/control-plane/configs/configs.service.js';
import { ControlPlaneModule } from '../../../src/control-plane/control-plane.module.js';
import type { ControlPlaneOptions } from '../../../src/control-plane/control-plane.options.js';
import type { CreateVirtualKeyInput } from '../../../src/control-plane/virtual-keys/virtual-key.schema.js';
import { VirtualKeysService } from '../../../src/control-plane/virtual-keys/virtual-keys.service.js';
import { WorkspacesService } from '../../../src/control-plane/workspaces/workspaces.service.js';

export const TEST_ACTOR: Actor = { type: 'system', label: 'test' };

export function testOptions(databaseUrl: string, overrides: Partial<ControlPlaneOptions> = {}): ControlPlaneOptions {
  return {
    databaseUrl,
    masterKey: randomBytes(32),
    poolSize: 4,
    requestLog: { flushIntervalMs: 100 },
    adminApi: false,
    ...overrides,
  };
}

export interface ControlPlaneContext {
  app: INestApplicationContext;
  get<T>(token: Type<T> | (abstract new (...args: never[]) => T)): T;
  close(): Promise<void>;
}

export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlaneContext> {
  const moduleRef = await Test.createTestingModule({ imports: [ControlPlaneModule.forRoot(options)] }).compile();
  moduleRef.useLogger(false);
  const app = await moduleRef.init();
  return {
    app,
    get: (token) => app.get(token as Type<never>),
    close: () => app.close(),
  };
}

export async function startAdminApp(options: ControlPlaneOptions, extra: { openApi?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ControlPlaneModule.forRoot({ ...options, adminApi: true }),
    new FastifyAdapter({ logger: false }),
    { logger: false },
  );
  if (extra.openApi) setupAdminOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export interface SeededWorkspace {
  workspaceId: string;
  /** A gateway API key of the workspace (raw, as an app would send it). */
  apiKey: string;
  apiKeyId: string;
  createVirtualKey(input: Partial<CreateVirtualKeyInput> & { secret?: CreateVirtualKeyInput['secret'] }): Promise<string>;
  createConfig(name: string, config: unknown): Promise<string>;
}

export async function seedWorkspace(context: { get: ControlPlaneContext['get'] }, name = 'Test workspace'): Promise<SeededWorkspace> {
  const workspace = await context.get(WorkspacesService).create({ name }, TEST_ACTOR);
  const { key, apiKey } = await context.get(ApiKeysService).create(workspace.id, { name: 'app' }, TEST_ACTOR);
  return {
    workspaceId: workspace.id,
    apiKey: key,
    apiKeyId: apiKey.id,
    async createVirtualKey(input) {
      const created = await context.get(VirtualKeysService).create(
        workspace.id,
        {
          name: input.name ?? 'OpenAI prod',
          provider: input.provider ?? 'openai',
          secret: input.secret ?? { apiKey: `sk-test-${randomBytes(12).toString('hex')}` },
          settings: input.settings ?? {},
        },
        TEST_ACTOR,
      );
      return created.slug;
    },
    async createConfig(configName, config) {
      return (await context.get(ConfigsService).create(workspace.id, { name: configName, config }, TEST_ACTOR)).id;
    },
  };
}

/** Polls `check` until it returns true; resolves with the elapsed milliseconds, rejects after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 5_000, everyMs = 10): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
