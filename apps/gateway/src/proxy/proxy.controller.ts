import { All, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Endpoint } from '@aigw/providers';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyService } from './proxy.service.js';

/** The OpenAI-compatible API. Thin: every route names its endpoint and goes to the one request path. */
@Controller('v1')
export class ProxyController {
  constructor(private readonly proxy: ProxyService) {}

  private handle(endpoint: Endpoint, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.proxy.handle(endpoint, req, reply);
  }

  @Post('chat/completions')
  chatCompletions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('chatComplete', req, reply);
  }

  @Post('completions')
  completions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('complete', req, reply);
  }

  @Post('embeddings')
  embeddings(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('embed', req, reply);
  }

  @Post('images/generations')
  imageGenerations(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('imageGenerate', req, reply);
  }

  @Post('images/edits')
  imageEdits(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('imageEdit', req, reply);
  }

  @Post('audio/speech')
  speech(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('createSpeech', req, reply);
  }

  @Post('audio/transcriptions')
  transcriptions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('createTranscription', req, reply);
  }

  @Post('audio/translations')
  translations(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('createTranslation', req, reply);
  }

  @Post('moderations')
  moderations(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('moderate', req, reply);
  }

  @Post('rerank')
  rerank(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('rerank', req, reply);
  }

  @Post('messages')
  messages(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('messages', req, reply);
  }

  @Post('responses')
  responses(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('responses', req, reply);
  }

  @Get('models')
  models(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('listModels', req, reply);
  }

  /** Any other /v1 path goes to the provider's base URL untouched (files, batches, fine-tuning…). */
  @All('*')
  passthrough(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handle('passthrough', req, reply);
  }
}
