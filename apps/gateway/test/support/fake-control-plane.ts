/**
 * A control plane without a database for tests of the request path: every gateway API key is
 * valid (workspace `ws-1`), the virtual keys given resolve, and request-log entries are kept in an
 * array the test can read.
 */
import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { ProviderOptions } from '@aigw/providers';
import {
  ControlPlaneLookup,
  type Lookup,
  type RequestLogEntry,
  RequestLogSink,
  type ResolvedApiKey,
  type ResolvedSavedConfig,
  type ResolvedVirtualKey,
} from '../../src/control-plane/control-plane.port.js';

export interface FakeControlPlane {
  module: DynamicModule;
  logs: RequestLogEntry[];
}

export function fakeControlPlane(virtualKeys: Record<string, ProviderOptions> = {}): FakeControlPlane {
  const logs: RequestLogEntry[] = [];

  class FakeLookup extends ControlPlaneLookup {
    readonly enabled = true;
    async authenticate(): Promise<Lookup<ResolvedApiKey>> {
      return { ok: true, value: { id: 'key-1', workspaceId: 'ws-1' } };
    }
    async virtualKey(workspaceId: string, slug: string): Promise<Lookup<ResolvedVirtualKey>> {
      const options = virtualKeys[slug];
      if (!options) return { ok: false, reason: 'not-found' };
      return { ok: true, value: { slug, workspaceId, provider: options.provider, options: { ...options } } };
    }
    async savedConfig(): Promise<Lookup<ResolvedSavedConfig>> {
      return { ok: false, reason: 'not-found' };
    }
  }

  class RecordingSink extends RequestLogSink {
    enqueue(entry: RequestLogEntry): void {
      logs.push(entry);
    }
    logsBodies(): boolean {
      return false;
    }
  }

  @Global()
  @Module({})
  class FakeControlPlaneModule {}

  const module: DynamicModule = {
    module: FakeControlPlaneModule,
    providers: [
      { provide: ControlPlaneLookup, useValue: new FakeLookup() },
      { provide: RequestLogSink, useValue: new RecordingSink() },
    ],
    exports: [ControlPlaneLookup, RequestLogSink],
  };
  return { module, logs };
}
