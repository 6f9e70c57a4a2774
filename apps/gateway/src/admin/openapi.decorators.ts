/**
 * The admin controllers' OpenAPI decorators, applied only when the document is first built.
 *
 * Why: importing @nestjs/swagger (its explorer, js-yaml, es-toolkit, …) costs ~7 MB of RSS and
 * ~4.7 MB of heap at start-up (BENCHMARKS.md, "Memory"), and turning the zod request schemas into
 * JSON Schema for ApiBody/ApiQuery costs start-up time too, while most gateways never serve the
 * document. Each decorator here records where it was applied and what it would have done; the
 * first build of the document (openapi.ts) imports @nestjs/swagger and replays them in the order
 * they ran, so the metadata Swagger reads is exactly what the eager decorators would have written.
 */
import { applyDecorators } from '@nestjs/common';
import type * as Swagger from '@nestjs/swagger';
import { z } from 'zod';

type SwaggerApi = typeof Swagger;
type AnyDecorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => unknown;
type SchemaObject = Record<string, unknown>;

interface Application {
  make: (swagger: SwaggerApi) => AnyDecorator;
  target: object;
  key?: string | symbol;
  descriptor?: PropertyDescriptor;
}

const recorded: Application[] = [];
let replayed = 0;

/** A decorator that applies `make(swagger)` to the same target once the document is built. */
function deferred(make: (swagger: SwaggerApi) => AnyDecorator) {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    recorded.push({ make, target, key, descriptor });
  };
}

/** Applies every decorator recorded since the last call (classes loaded later are caught up too). */
export function applyDeferredOpenApiDecorators(swagger: SwaggerApi): void {
  for (; replayed < recorded.length; replayed++) {
    const { make, target, key, descriptor } = recorded[replayed]!;
    make(swagger)(target, key, descriptor);
  }
}

export const ApiTags = (...tags: string[]) => deferred((s) => s.ApiTags(...tags) as AnyDecorator);
export const ApiBearerAuth = () => deferred((s) => s.ApiBearerAuth() as AnyDecorator);
export const ApiCookieAuth = (name: string) => deferred((s) => s.ApiCookieAuth(name) as AnyDecorator);
export const ApiSecurity = (name: string) => deferred((s) => s.ApiSecurity(name) as AnyDecorator);
export const ApiOperation = (options: Swagger.ApiOperationOptions) => deferred((s) => s.ApiOperation(options) as AnyDecorator);
export const ApiOkResponse = (options: Swagger.ApiResponseOptions) => deferred((s) => s.ApiOkResponse(options) as AnyDecorator);

export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;
}

/** The request body, from its zod schema (so a request shape is declared once). */
export function ZodBody(schema: z.ZodType, description?: string) {
  return deferred((s) => s.ApiBody({ schema: openApiSchema(schema) as never, description }) as AnyDecorator);
}

/** One query parameter per property of an object schema. */
export function ZodQuery(schema: z.ZodType) {
  return deferred((s) => {
    const json = openApiSchema(schema) as { properties?: Record<string, SchemaObject>; required?: string[] };
    return applyDecorators(
      ...Object.entries(json.properties ?? {}).map(([name, property]) =>
        s.ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property as never }),
      ),
    ) as AnyDecorator;
  });
}
