import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyService } from './proxy.service.js';

/** The OpenAI-compatible endpoints. Thin: every request goes to the one request path. */
@Controller('v1')
export class ProxyController {
  constructor(private readonly proxy: ProxyService) {}

  @Post('chat/completions')
  @HttpCode(200)
  chatCompletions(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.proxy.handle('chatComplete', req, reply);
  }

  @Post('completions')
  @HttpCode(200)
  completions(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.proxy.handle('complete', req, reply);
  }

  @Post('embeddings')
  @HttpCode(200)
  embeddings(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.proxy.handle('embed', req, reply);
  }
}
