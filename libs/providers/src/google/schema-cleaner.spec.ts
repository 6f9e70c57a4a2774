import { cleanSchema } from './schema-cleaner.js';

describe('cleanSchema', () => {
  it('drops keys Gemini rejects, at every depth', () => {
    expect(
      cleanSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'urn:order',
        $comment: 'internal',
        type: 'object',
        strict: true,
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            uniqueItems: true,
            items: { type: 'object', additionalProperties: { type: 'string' }, properties: { sku: { type: 'string', readOnly: true } } },
          },
        },
        patternProperties: { '^x-': { type: 'string' } },
      }),
    ).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } } },
    });
  });

  it('keeps the Schema fields Gemini documents', () => {
    const schema = {
      type: 'object',
      title: 'Booking',
      description: 'A table booking',
      properties: {
        guests: { type: 'integer', minimum: 1, maximum: 12, default: 2, format: 'int32' },
        name: { type: 'string', minLength: 1, maxLength: 80, pattern: '^[A-Za-z ]+$', example: 'Ada' },
        tags: { type: 'array', minItems: 0, maxItems: 5, items: { type: 'string' } },
        at: { type: 'string', format: 'date-time' },
        extras: { type: 'object', minProperties: 1, maxProperties: 3, properties: { chair: { type: 'boolean' } } },
      },
      required: ['guests', 'name'],
      propertyOrdering: ['name', 'guests'],
    };
    expect(cleanSchema(schema)).toEqual(schema);
  });

  it('drops formats Gemini does not accept for the type', () => {
    expect(
      cleanSchema({
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' }, mail: { type: 'string', format: 'email' }, ratio: { type: 'number', format: 'double' } },
      }),
    ).toEqual({ type: 'object', properties: { id: { type: 'string' }, mail: { type: 'string' }, ratio: { type: 'number', format: 'double' } } });
  });

  it('turns type arrays and null branches into nullable, and several types into anyOf', () => {
    expect(cleanSchema({ type: ['string', 'null'], description: 'optional note' })).toEqual({ type: 'string', description: 'optional note', nullable: true });
    expect(cleanSchema({ anyOf: [{ type: 'integer' }, { type: 'null' }], description: 'Pydantic Optional[int]' })).toEqual({
      type: 'integer',
      description: 'Pydantic Optional[int]',
      nullable: true,
    });
    expect(cleanSchema({ type: ['string', 'number'], description: 'id' })).toEqual({
      description: 'id',
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
  });

  it('reads oneOf as anyOf', () => {
    expect(cleanSchema({ oneOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'number' } } }] })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'number' } } }],
    });
  });

  it('inlines $ref definitions, keeping sibling keywords, and stops at recursion', () => {
    const out = cleanSchema({
      type: 'object',
      properties: {
        home: { $ref: '#/$defs/Address', description: 'Home address' },
        work: { $ref: '#/definitions/Address' },
        tree: { $ref: '#/$defs/Node' },
      },
      $defs: {
        Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        Node: { type: 'object', description: 'A tree node', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } },
      },
      definitions: { Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
    });
    expect(out).toEqual({
      type: 'object',
      properties: {
        home: { type: 'object', description: 'Home address', properties: { city: { type: 'string' } }, required: ['city'] },
        work: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        tree: {
          type: 'object',
          description: 'A tree node',
          properties: { children: { type: 'array', items: { type: 'object', description: 'A tree node' } } },
        },
      },
    });
  });

  it('merges allOf into one schema', () => {
    expect(
      cleanSchema({
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'number' } }, required: ['b'] },
        ],
        description: 'A and B',
      }),
    ).toEqual({
      description: 'A and B',
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a', 'b'],
    });
  });

  it('turns const into a one-value enum, stringifies enums of a string field and drops other non-string enums', () => {
    expect(cleanSchema({ const: 'fixed' })).toEqual({ type: 'string', enum: ['fixed'] });
    expect(cleanSchema({ type: 'string', enum: ['a', 1, null] })).toEqual({ type: 'string', enum: ['a', '1'] });
    expect(cleanSchema({ type: 'integer', enum: [1, 2, 3] })).toEqual({ type: 'integer' });
  });

  it('keeps only required names that are declared properties', () => {
    expect(cleanSchema({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'ghost'] })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    });
  });

  it('maps tuple items to anyOf items and takes the first example', () => {
    expect(cleanSchema({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], examples: [['x', 1]] })).toEqual({
      type: 'array',
      example: ['x', 1],
      items: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    });
  });

  it('returns an empty schema for non-objects', () => {
    expect(cleanSchema(true)).toEqual({});
    expect(cleanSchema(undefined)).toEqual({});
  });
});
