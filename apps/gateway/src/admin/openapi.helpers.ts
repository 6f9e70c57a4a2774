/** Swagger decorators from zod schemas, so a request shape is declared once. */
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaObject = Record<string, unknown>;

export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;
}

export function ZodBody(schema: z.ZodType, description?: string) {
  return ApiBody({ schema: openApiSchema(schema) as never, description });
}

/** One ApiQuery per property of an object schema. */
export function ZodQuery(schema: z.ZodType) {
  const json = openApiSchema(schema) as { properties?: Record<string, SchemaObject>; required?: string[] };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property as never }),
    ),
  );
}
