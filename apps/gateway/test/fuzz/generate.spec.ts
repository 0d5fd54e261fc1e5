import { deepJson, generate, multipartBody, resolve, sampleValue, wrongTypes, writeRoutes, type FuzzWorld, type OpenApiDocument } from './generate.js';

const SCHOOL_ID = '6f1c1c1e-0d7a-4a8e-9a51-2b1e1f1a1b1c';
const document: OpenApiDocument = {
  paths: {
    '/api/v1/things': {
      get: {},
      post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateThingDto' } } } } },
    },
    '/api/v1/things/{id}': {
      patch: { parameters: [{ name: 'id', in: 'path' }], requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateThingDto' } } } } },
      delete: { parameters: [{ name: 'id', in: 'path' }] },
    },
    '/api/v1/things/import': {
      post: { requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', required: ['schoolId', 'file'], properties: { schoolId: { type: 'string', format: 'uuid' }, file: { type: 'string', format: 'binary' } } } } } } },
    },
  },
  components: {
    schemas: {
      CreateThingDto: {
        type: 'object', required: ['schoolId', 'name', 'size'],
        properties: {
          schoolId: { type: 'string', format: 'uuid' }, name: { type: 'string', maxLength: 8, example: '名字' }, size: { type: 'integer', minimum: 1 },
          note: { type: ['string', 'null'] }, place: { $ref: '#/components/schemas/PlaceDto' },
        },
      },
      UpdateThingDto: { type: 'object', properties: { name: { type: 'string' }, note: { type: ['string', 'null'] } } },
      PlaceDto: { type: 'object', properties: { kind: { type: 'string', enum: ['school', 'online'] } } },
    },
  },
};
const world: FuzzWorld = { pathId: () => 'real-id', propertyId: (property) => (property === 'schoolId' ? SCHOOL_ID : undefined) };

describe('the fuzz generator', () => {
  const routes = writeRoutes(document);
  const route = (name: string): ReturnType<typeof writeRoutes>[number] => routes.find((r) => `${r.method} ${r.template}` === name) as ReturnType<typeof writeRoutes>[number];

  it('finds every write route, what its body is, and what a PATCH may not set to null', () => {
    expect(routes.map((r) => [`${r.method} ${r.template}`, r.body, r.pathParams, r.requiredColumns])).toEqual([
      ['POST /api/v1/things', 'json', [], []],
      ['PATCH /api/v1/things/{id}', 'json', ['id'], ['schoolId', 'name', 'size']],
      ['DELETE /api/v1/things/{id}', 'none', ['id'], []],
      ['POST /api/v1/things/import', 'multipart', [], []],
    ]);
  });

  it('builds a plausible body from examples, enums, formats and the world', () => {
    const base = sampleValue(document, resolve(document, { $ref: '#/components/schemas/CreateThingDto' }), '', world);
    expect(base).toEqual({ schoolId: SCHOOL_ID, name: '名字', size: 1, note: 'xxxx', place: { kind: 'school' } });
  });

  it('gives numbers a numeric string and strings a number: JSON bodies are strict', () => {
    expect(wrongTypes({ type: 'integer' })).toContain('12');
    expect(wrongTypes({ type: 'string' })).toContain(12345);
    expect(wrongTypes({ type: 'object', properties: {} })).toContainEqual([]);
  });

  it('makes one fault per request on top of the plausible body', () => {
    const requests = generate(document, route('POST /api/v1/things'), world);
    const bodyOf = (fault: string): unknown => JSON.parse(requests.find((r) => r.fault === fault)?.body as string);
    expect(bodyOf('size of the wrong type: "12"')).toEqual({ schoolId: SCHOOL_ID, name: '名字', size: '12', note: 'xxxx', place: { kind: 'school' } });
    expect(bodyOf('name is missing')).not.toHaveProperty('name');
    expect(bodyOf('name is longer than 8')).toMatchObject({ name: '教'.repeat(9) });
    expect(bodyOf('place.kind of the wrong type')).toMatchObject({ place: { kind: 12345 } });
    expect(requests.map((r) => r.fault)).toEqual(expect.arrayContaining(['name is null', 'note holds a NUL character', 'JSON nested 5,000 arrays deep']));
    expect(requests.map((r) => r.fault)).not.toContain('note is null');
  });

  it('sets to null in a PATCH only what the create requires', () => {
    const faults = generate(document, route('PATCH /api/v1/things/{id}'), world).map((r) => r.fault);
    expect(faults).toContain('name is null');
    expect(faults).not.toContain('note is null');
  });

  it('uses a real id only where a malformed body keeps the request from doing anything', () => {
    const patch = generate(document, route('PATCH /api/v1/things/{id}'), world);
    expect(patch.find((r) => r.fault === 'an unknown field')?.path).toBe('/api/v1/things/real-id');
    const remove = generate(document, route('DELETE /api/v1/things/{id}'), world);
    expect(remove.every((r) => !r.path.includes('real-id'))).toBe(true);
    expect(remove.length).toBeGreaterThanOrEqual(30);
  });

  it('writes broken forms for upload routes', () => {
    const faults = generate(document, route('POST /api/v1/things/import'), world, {
      badSpreadsheets: [{ fault: 'an .xlsx of random bytes', filename: 'a.xlsx', content: new Uint8Array([1, 2, 3]) }],
    }).map((r) => r.fault);
    expect(faults).toEqual(expect.arrayContaining([
      'multipart without a boundary', 'multipart cut short', 'JSON sent as multipart', 'schoolId holds a NUL character', 'schoolId is missing', 'an .xlsx of random bytes',
    ]));
  });

  it('writes a multipart body and deep JSON as they are meant', () => {
    const body = Buffer.from(multipartBody('B', [{ name: 'a', value: '1' }, { name: 'file', value: 'x', filename: 'f.csv' }])).toString();
    expect(body).toBe('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n--B--\r\n');
    expect(deepJson(3)).toBe('{"a":[[[]]]}');
  });
});
