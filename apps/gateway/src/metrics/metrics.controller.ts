import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { GatewayMetrics } from './gateway-metrics.js';

/**
 * GET /metrics for Prometheus. With GATEWAY_METRICS_TOKEN set, scrapers must send it as a bearer
 * token (metrics reveal traffic volumes per provider and model); without it the endpoint is open,
 * as usual behind a cluster network.
 */
@Controller()
export class MetricsController {
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.token = config.metricsToken ? Buffer.from(config.metricsToken) : undefined;
  }

  @Get('metrics')
  async scrape(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (this.token && !this.authorized(req.headers.authorization)) {
      reply.code(401).header('content-type', 'application/json; charset=utf-8').header('www-authenticate', 'Bearer');
      return void reply.send(JSON.stringify({ status: 'failure', message: 'GET /metrics needs the metrics token: send it as Authorization: Bearer <GATEWAY_METRICS_TOKEN>' }));
    }
    const text = await this.metrics.scrape();
    reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store');
    return void reply.send(text);
  }

  private authorized(header: string | undefined): boolean {
    const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
    // Constant time: the comparison must not tell how much of a guess was right.
    return given.length === this.token!.length && timingSafeEqual(given, this.token!);
  }
}
