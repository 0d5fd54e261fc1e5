import { toOpenApi31 } from './openapi.document.js';

describe(toOpenApi31.name, () => {
  it.each([
    ['a nullable string', { type: 'string', nullable: true, format: 'date' }, { type: ['string', 'null'], format: 'date' }],
    ['a nullable enum', { type: 'string', enum: ['a'], nullable: true }, { type: ['string', 'null'], enum: ['a', null] }],
    ['a nullable $ref', { $ref: '#/components/schemas/GeoPointDto', nullable: true, description: 'd' }, { description: 'd', anyOf: [{ $ref: '#/components/schemas/GeoPointDto' }, { type: 'null' }] }],
    ['a nullable allOf', { allOf: [{ $ref: '#/x' }], nullable: true }, { anyOf: [{ allOf: [{ $ref: '#/x' }] }, { type: 'null' }] }],
    ['nullable: false', { type: 'number', nullable: false }, { type: 'number' }],
  ])('rewrites %s', (_, input, expected) => {
    expect(toOpenApi31(input)).toEqual(expected);
  });

  it('rewrites nested schemas and leaves everything else alone', () => {
    const document = { openapi: '3.1.0', components: { schemas: { A: { type: 'object', properties: { type: { type: 'string' }, b: { type: 'string', nullable: true } }, required: ['type'] } } } };
    expect(toOpenApi31(document)).toEqual({
      openapi: '3.1.0',
      components: { schemas: { A: { type: 'object', properties: { type: { type: 'string' }, b: { type: ['string', 'null'] } }, required: ['type'] } } },
    });
  });
});
