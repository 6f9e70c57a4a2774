import { fileURLToPath } from 'node:url';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { openAiCompatible } from '@aigw/providers';
import OpenAI from 'openai';
import { AppModule } from '../../src/app.module.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { GatewayExceptionFilter } from '../../src/errors/http-error-handler.js';
import { installBodyParsers } from '../../src/http/body-parsers.js';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * Custom providers: the example plug-in of the repository (plugins/providers/acme-llm), loaded at
 * start-up from GATEWAY_PROVIDER_PLUGINS and routed by its id through a config like any built-in
 * provider; and the ProviderRegistry replaced through Nest's testing module.
 */
const PLUGINS = fileURLToPath(new URL('../../../../plugins/providers', import.meta.url));
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway({ providerPluginsDir: PLUGINS });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

function client(baseURL: string, headers: Record<string, string>): OpenAI {
  return new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'unused', maxRetries: 0, defaultHeaders: headers });
}

describe('the example plug-in (acme-llm)', () => {
  const config = () => JSON.stringify({
    strategy: { mode: 'fallback' },
    targets: [{ provider: 'acme-llm', api_key: 'acme-key', custom_host: `${mock.url}/v1`, acme_tenant: 'search' }],
  });

  it('is routed by id through a config, with its own headers and request transform', async () => {
    const completion = await client(gateway.url, { 'x-portkey-config': config() }).chat.completions.create({
      model: 'acme-chat',
      messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hello acme' }],
    });
    expect(completion.choices[0].message.content).toContain('Hello acme');
    const [upstream] = mock.requests('acme-chat');
    expect(upstream.headers['x-acme-tenant']).toBe('search');
    expect(upstream.headers.authorization).toBe('Bearer acme-key');
    expect((upstream.body as { messages: { role: string }[] }).messages[0].role).toBe('system');
  });

  it('streams, with usage', async () => {
    const stream = await client(gateway.url, { 'x-portkey-config': config() }).chat.completions.create({
      model: 'acme-stream',
      messages: [{ role: 'user', content: 'Hello acme' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toContain('Hello acme');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('is unknown to a gateway started without the plug-in folder', async () => {
    const plain = await startGateway();
    try {
      const response = await fetch(`${plain.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-portkey-provider': 'acme-llm' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ status: 'failure', message: 'Invalid provider passed' });
    } finally {
      await plain.close();
    }
  });
});

describe('ProviderRegistry as a Nest provider', () => {
  it('is overridden through the testing module: the request path uses the registry it is given', async () => {
    // Only a stand-in provider, built with the shared OpenAI-compatible helper.
    const standIn = openAiCompatible({ id: 'stand-in', displayName: 'Stand-in', baseUrl: `${mock.url}/v1`, endpoints: ['chatComplete'] });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config: loadGatewayConfig({}) })] })
      .overrideProvider(ProviderRegistry)
      .useValue(new ProviderRegistry([standIn]))
      .compile();
    // The parts of bootstrap.ts a request needs: the gateway's body parsers and error format.
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false, bodyParser: false });
    installBodyParsers(app.getHttpAdapter().getInstance());
    app.useGlobalFilters(new GatewayExceptionFilter());
    await app.listen(0, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      const completion = await client(url, { 'x-portkey-provider': 'stand-in', authorization: 'Bearer k' }).chat.completions.create({ model: 'di-model', messages: [{ role: 'user', content: 'Hello DI' }] });
      expect(completion.choices[0].message.content).toContain('Hello DI');
      // A built-in the given registry lacks is unknown (the custom host keeps any call on loopback).
      const refused = await client(url, { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1`, authorization: 'Bearer k' }).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect((refused as { status: number }).status).toBe(400);
    } finally {
      await app.close();
    }
  });
});
