import { describe, expect, it } from '@jest/globals';
import type * as Swagger from '@nestjs/swagger';
import { z } from 'zod';
import { ApiOperation, ApiTags, applyDeferredOpenApiDecorators, ZodBody, ZodQuery } from './openapi.decorators.js';

/** A stand-in for @nestjs/swagger that records what would have been applied, and to what. */
function fakeSwagger() {
  const applied: string[] = [];
  const make =
    (name: string) =>
    (options?: unknown) =>
    (target: object, key?: string | symbol) => {
      const where = typeof target === 'function' ? target.name : `${target.constructor.name}.${String(key)}`;
      applied.push(`${name} ${where} ${JSON.stringify(options)}`);
    };
  const swagger = { ApiTags: make('ApiTags'), ApiOperation: make('ApiOperation'), ApiBody: make('ApiBody'), ApiQuery: make('ApiQuery') };
  return { applied, swagger: swagger as unknown as typeof Swagger };
}

describe('deferred OpenAPI decorators', () => {
  it('apply nothing until the document is built, then everything once, in the order they ran', () => {
    @ApiTags('things')
    class ThingsController {
      @ApiOperation({ summary: 'List things' })
      @ZodQuery(z.object({ limit: z.number(), cursor: z.string().optional() }))
      list(): void {}

      @ZodBody(z.object({ name: z.string() }), 'A thing')
      create(): void {}
    }
    const { applied, swagger } = fakeSwagger();
    expect(ThingsController).toBeDefined();
    expect(applied).toEqual([]);

    applyDeferredOpenApiDecorators(swagger);
    // Method decorators run bottom-up, then the class's; the replay keeps that order.
    expect(applied).toEqual([
      expect.stringMatching(/^ApiQuery ThingsController.list \{"name":"limit","required":true/),
      expect.stringMatching(/^ApiQuery ThingsController.list \{"name":"cursor","required":false/),
      'ApiOperation ThingsController.list {"summary":"List things"}',
      expect.stringMatching(/^ApiBody ThingsController.create \{"schema":\{"type":"object","properties":\{"name":\{"type":"string"\}\}.*"description":"A thing"\}$/),
      'ApiTags ThingsController "things"',
    ]);

    applyDeferredOpenApiDecorators(swagger);
    expect(applied).toHaveLength(5);
  });
});
