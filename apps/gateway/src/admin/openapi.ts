/**
 * The admin API's OpenAPI document: JSON at /admin/api/v1/openapi.json, Swagger UI at
 * /admin/api/docs. Only the admin controllers are described (the gateway API is OpenAI's).
 *
 * @nestjs/swagger is imported on the first request for the document, never at start-up: most
 * gateways never serve it, and loading it held ~7 MB of RSS from the start (BENCHMARKS.md,
 * "Memory"). The controllers' decorators wait for it too (openapi.decorators.ts).
 */
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { AdminModule } from './admin.module.js';
import { applyDeferredOpenApiDecorators } from './openapi.decorators.js';
import { serveSwaggerUi } from './openapi-ui.js';
import { SESSION_COOKIE } from './session-cookie.js';

export const OPENAPI_JSON_PATH = '/admin/api/v1/openapi.json';
export const OPENAPI_UI_PATH = '/admin/api/docs';

export async function buildAdminOpenApi(app: INestApplication): Promise<OpenAPIObject> {
  const swagger = await import('@nestjs/swagger');
  applyDeferredOpenApiDecorators(swagger);
  const config = new swagger.DocumentBuilder()
    .setTitle('AI Gateway admin API')
    .setDescription(
      'Virtual keys, saved configs, API keys, members, request logs, usage analytics and the audit log. ' +
        'Authenticate with the session from POST /admin/api/v1/auth/login (cookie or Bearer token) or an admin API key ' +
        '(`x-admin-api-key` or Bearer).',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-admin-api-key' }, 'admin-api-key')
    .build();
  return swagger.SwaggerModule.createDocument(app, config, { include: [AdminModule] });
}

/**
 * Call before `app.listen()`/`app.init()` (Fastify routes cannot be added once ready). The
 * document is built on its first request and kept; `ui: false` serves only the JSON.
 */
export function setupAdminOpenApi(app: INestApplication, options: { ui?: boolean } = {}): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  let document: Promise<string> | undefined;
  fastify.get(OPENAPI_JSON_PATH, async (_request, reply) => {
    document ??= buildAdminOpenApi(app).then((built) => JSON.stringify(built));
    try {
      return reply.type('application/json; charset=utf-8').send(await document);
    } catch (error) {
      document = undefined; // the next request tries again
      throw error;
    }
  });
  if (options.ui ?? true) serveSwaggerUi(fastify, OPENAPI_UI_PATH, OPENAPI_JSON_PATH);
}
