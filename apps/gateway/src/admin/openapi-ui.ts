/**
 * Swagger UI for the admin API, from the swagger-ui-dist package's prebuilt files: a small page
 * of our own plus the four files it loads, each from a fixed list (no path from the request ever
 * reaches the file system). Served here rather than by @nestjs/swagger so that neither it nor
 * @fastify/static is loaded before someone opens the docs.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

// The page's own script is a file too: the admin pages' CSP allows scripts from 'self' only.
const initScript = (jsonPath: string) => `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(jsonPath)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

const page = (base: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>AI Gateway admin API</title>
<link rel="stylesheet" href="${base}/swagger-ui.css">
<link rel="icon" type="image/png" href="${base}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="${base}/swagger-ui-standalone-preset.js"></script>
<script src="${base}/init.js"></script>
</body>
</html>
`;

export function swaggerUiDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

export function serveSwaggerUi(fastify: FastifyInstance, base: string, jsonPath: string): void {
  const root = swaggerUiDirectory();
  const html = page(base);
  const init = initScript(jsonPath);
  fastify.get(base, (_request, reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html));
  fastify.get(`${base}/init.js`, (_request, reply) => reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(init));
  fastify.get<{ Params: { asset: string } }>(`${base}/:asset`, (request, reply) => {
    const type = Object.hasOwn(ASSETS, request.params.asset) ? ASSETS[request.params.asset] : undefined;
    if (!type) return reply.code(404).send({ status: 'failure', message: `${base}/${request.params.asset} not found` });
    return reply.header('cache-control', 'public, max-age=86400').type(type).send(createReadStream(join(root, request.params.asset)));
  });
}
