/**
 * The admin API's OpenAPI document: JSON at /admin/api/v1/openapi.json, Swagger UI at
 * /admin/api/docs. Only the admin controllers are described (the gateway API is OpenAI's).
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AdminModule } from './admin.module.js';
import { SESSION_COOKIE } from './session-cookie.js';

export function buildAdminOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
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
  return SwaggerModule.createDocument(app, config, { include: [AdminModule] });
}

/**
 * Call before `app.listen()`/`app.init()` (Fastify routes cannot be added once ready).
 * `ui: false` serves only the JSON (the Swagger UI assets come through @fastify/static, which
 * Jest on Node 20 cannot load). The document is built on the first request for it, not at
 * start-up: most gateways never serve it, and building it held 3–6 MB of RSS from the start
 * (BENCHMARKS.md, "Memory").
 */
export function setupAdminOpenApi(app: INestApplication, options: { ui?: boolean } = {}): void {
  // A factory: Swagger calls it on the first request and keeps the document.
  SwaggerModule.setup('admin/api/docs', app, () => buildAdminOpenApi(app), {
    jsonDocumentUrl: 'admin/api/v1/openapi.json',
    ui: options.ui ?? true,
    raw: ['json'],
  });
}
