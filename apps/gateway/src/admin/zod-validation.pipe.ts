/**
 * Validates a body, query or parameter with a zod schema. The first problem becomes a 400 that
 * names the field (`settings.customHost: must be an http(s) URL`), through the admin error filter.
 */
import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ControlPlaneError } from '../control-plane/control-plane.errors.js';

/** `targets[0].name` style, as a person would write the path. */
export function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  let path: PropertyKey[] = [...(root ? [root] : []), ...issue.path];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [...path, issue.keys[0]!];
    message = 'is not a known field';
  } else if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = 'is required';
  }
  const field = fieldPath(path) || root || 'body';
  throw ControlPlaneError.invalid(field, message);
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    /** Prefix for field names, e.g. none for bodies. */
    private readonly root?: string,
  ) {}

  transform(value: unknown): z.output<S> {
    return parseOrThrow(this.schema, value, this.root);
  }
}
