import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { GatewayExceptionFilter } from './errors/http-error-handler.js';
import { RequestLogSink } from './control-plane/control-plane.port.js';
import { installBodyParsers } from './http/body-parsers.js';
import { installAdminSecurityHeaders } from './http/admin-security-headers.js';
import { clientErrorHandler, frameworkErrorHandler } from './http/client-errors.js';
import { installInboundRules } from './inbound/inbound-hook.js';
import { InboundRules } from './inbound/inbound-rules.js';
import { gatewayLog } from './logging/gateway-log.js';
import { PinoNestLogger } from './logging/pino-nest-logger.js';

/**
 * Builds the Nest application on Fastify. Shared by `main.ts` and the end-to-end tests, so tests
 * run the same HTTP stack users get.
 */
export async function createGatewayApp(options: AppModuleOptions, logger: false | undefined = undefined): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.bodyLimitBytes,
    // Keep-alive for clients that reuse connections (SDKs do), longer than common LB idle timeouts.
    keepAliveTimeout: 65_000,
    // Trace ids and client errors are ours to report; Fastify's per-request logging is off.
    logger: false,
    http: { maxHeaderSize: options.config.headerLimitBytes },
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: logger === false ? false : new PinoNestLogger(gatewayLog()),
    // Body parsing is ours (installBodyParsers): byte-exact JSON and unread upload streams.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  installInboundRules(fastify, new InboundRules(options.config.inbound), app.get(RequestLogSink));
  installBodyParsers(fastify);
  installAdminSecurityHeaders(fastify);
  app.useGlobalFilters(new GatewayExceptionFilter());
  // Signals are handled by installGracefulShutdown (main.ts): drain, deadline, then these hooks.
  return app;
}

export type GatewayApp = INestApplication;
