/**
 * Malformed requests derived from the gateway's OpenAPI document, for the fuzz API test. Every request
 * made here is invalid by construction (one fault each, on top of a body built from the schema), so
 * the gateway must answer it with a 4xx problem and change nothing.
 */
import { randomUUID } from 'node:crypto';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maxLength?: number;
  minLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  allOf?: Schema[];
  oneOf?: Schema[];
};

interface Parameter { name: string; in: string }
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the path template, e.g. /api/v1/schools/{id} */
  template: string;
  pathParams: string[];
  body: 'json' | 'multipart' | 'none';
  /** the request body schema, $refs resolved at the top */
  schema?: Schema;
  /** for a PATCH: the properties the matching create (POST on the collection) requires, which null may not clear */
  requiredColumns: string[];
}

export interface FuzzRequest {
  /** e.g. `PATCH /api/v1/schools/{id}` */
  route: string;
  /** what is wrong with it */
  fault: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** What the generator may know of the world: real ids for path parameters and id-like properties. */
export interface FuzzWorld {
  /** a real id for the first path parameter of a route with a body, to get past the lookup; undefined for none */
  pathId(route: WriteRoute): string | undefined;
  /** a real id for a body property such as schoolId or allianceId */
  propertyId(property: string): string | undefined;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

export function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let hops = 0; hops < 10; hops += 1) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = { ...document.components?.schemas?.[name], ...withoutRef(current) };
    } else if (current.allOf?.length === 1) {
      const { allOf, ...rest } = current;
      current = { ...(allOf[0] as Schema), ...rest };
    } else if (current.anyOf && current.anyOf.some((s) => s.type === 'null')) {
      const { anyOf, ...rest } = current;
      const inner = anyOf.find((s) => s.type !== 'null') ?? {};
      current = { ...inner, ...rest, type: [...typesOf({ ...inner, ...rest }), 'null'] };
    } else {
      return current;
    }
  }
  return current;
}

function withoutRef(schema: Schema): Schema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

export function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.enum) return [typeof schema.enum.find((v) => v !== null) === 'number' ? 'number' : 'string'];
  return [];
}

const nullable = (schema: Schema): boolean => typesOf(schema).includes('null') || (schema.enum?.includes(null) ?? false);
const mainType = (schema: Schema): string => typesOf(schema).find((t) => t !== 'null') ?? 'string';

/** Every POST, PUT, PATCH and DELETE of the document, with what its body is. */
export function writeRoutes(document: OpenApiDocument): WriteRoute[] {
  const routes: WriteRoute[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const content = operation.requestBody?.content ?? {};
      const body = content['multipart/form-data'] ? 'multipart' : content['application/json'] ? 'json' : 'none';
      const schema = body === 'none' ? undefined : resolve(document, (content['multipart/form-data'] ?? content['application/json'])?.schema);
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      let requiredColumns: string[] = [];
      if (method === 'patch') {
        const collection = template.replace(/\/\{[^}]+\}$/, '');
        const create = document.paths[collection]?.['post']?.requestBody?.content['application/json']?.schema;
        requiredColumns = create ? resolve(document, create).required ?? [] : [];
      }
      routes.push({ method: method.toUpperCase() as WriteRoute['method'], template, pathParams, body, schema, requiredColumns });
    }
  }
  return routes;
}

/** A plausible value of a schema: examples, enums and formats; real ids where the world has them. */
export function sampleValue(document: OpenApiDocument, raw: Schema, property: string, world: FuzzWorld, depth = 0): unknown {
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum.find((v) => v !== null);
  if (schema.default !== undefined) return schema.default;
  switch (mainType(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const [name, child] of Object.entries(schema.properties ?? {})) out[name] = sampleValue(document, child, name, world, depth + 1);
      return out;
    }
    case 'array': {
      const item = sampleValue(document, schema.items ?? {}, property, world, depth + 1);
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 1 ? schema.minimum : 1;
    case 'boolean':
      return false;
    default:
      if (schema.format === 'uuid') return world.propertyId(property) ?? randomUUID();
      if (schema.format === 'date') return '2026-10-15';
      if (schema.format === 'date-time') return '2026-10-15T06:00:00Z';
      if (schema.format === 'binary') return 'file';
      return 'x'.repeat(Math.max(4, schema.minLength ?? 0));
  }
}

/** Values of the wrong JSON type for a schema (a numeric string where a number belongs: JSON bodies are strict). */
export function wrongTypes(schema: Schema): unknown[] {
  switch (mainType(schema)) {
    case 'integer': return ['12', true, 1.5];
    case 'number': return ['12', true];
    case 'boolean': return ['true', 1];
    case 'array': return ['x', { 0: 'x' }];
    case 'object': return ['x', []];
    default: return schema.enum ? [12345, 'not-a-listed-value'] : [12345, true];
  }
}

/** Path ids that are not ids at all. Percent-encoded where they would otherwise change the path. */
export const BAD_IDS = [
  'abc', '1', '-1', '0', 'null', 'undefined', 'true', '%00', `${randomUUID()}%00`, '%ZZ', `${randomUUID()}x`, randomUUID().replaceAll('-', ''),
  `${randomUUID().slice(0, 35)}g`, '%27%3B%20DROP%20TABLE%20school%3B--', encodeURIComponent('学校'), '%2E%2E%2F%2E%2E%2Fetc', 'x'.repeat(101), 'f'.repeat(5000),
] as const;

/** Ids in the right form that name nothing the caller may see. */
export const FOREIGN_IDS = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', randomUUID(), randomUUID().toUpperCase()] as const;

const NOT_JSON = [
  '{', '[', '}', '"unterminated', '{"a":1,}', "{'a':1}", '{a:1}', '{"a":1 "b":2}', 'true false', 'NaN', '{"a":Infinity}', '{"a":undefined}',
  '{"a":-}', '{"a":1e}', '{"a":01}', '/* comment */ {}', '<xml/>', '{"a":1}}', '\u0000', 'nul', '{"a":"\\x"}', '{"a":"\u0001"}',
  '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}',
];

/** Bodies of media types the API does not take: only JSON and, on upload routes, multipart. */
const OTHER_MEDIA_TYPES: [string, string][] = [
  ['application/xml', '<a>1</a>'], ['application/x-www-form-urlencoded', 'a=1&b=2'], ['text/plain', 'hello'],
  ['application/octet-stream', 'bytes'], ['text/html', '<p>1</p>'],
];

export const deepJson = (levels: number, open = '[', close = ']'): string => `{"a":${open.repeat(levels)}${close.repeat(levels)}}`;
const deepObject = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

export interface MultipartPart { name: string; value: string | Uint8Array; filename?: string; contentType?: string }

/** A multipart/form-data body, written by hand so that it can be written wrongly too. */
export function multipartBody(boundary: string, parts: MultipartPart[], close = true): Uint8Array {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename !== undefined ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export interface GenerateOptions {
  /** file contents that an import route must refuse, by a label (random bytes, an empty workbook, …) */
  badSpreadsheets?: { fault: string; filename: string; content: Uint8Array }[];
  /** the size of the one huge string per route (default 1.1 MB, above the body limit) */
  hugeStringBytes?: number;
}

/** The malformed requests of one route. */
export function generate(document: OpenApiDocument, route: WriteRoute, world: FuzzWorld, options: GenerateOptions = {}): FuzzRequest[] {
  const name = `${route.method} ${route.template}`;
  const out: FuzzRequest[] = [];
  const realId = route.body === 'none' ? undefined : world.pathId(route);
  const pathWith = (values: Record<string, string>): string =>
    route.template.replace(/\{([^}]+)\}/g, (_, param: string) => values[param] ?? (param === route.pathParams[0] && realId ? realId : FOREIGN_IDS[2]));
  const path = pathWith({});
  const json = (fault: string, body: string, contentType = 'application/json', at = path): void => {
    out.push({ route: name, fault, method: route.method, path: at, headers: { 'content-type': contentType }, body });
  };

  // Path parameters: not ids, and ids of nothing. The body, if any, is the plausible one.
  const base = route.body === 'json' && route.schema ? sampleValue(document, route.schema, '', world) : undefined;
  const baseText = base === undefined ? undefined : JSON.stringify(base);
  for (const param of route.pathParams) {
    for (const bad of BAD_IDS) {
      const at = pathWith({ [param]: bad });
      if (baseText) json(`${param} is not a UUID: ${bad.slice(0, 40)}`, baseText, 'application/json', at);
      else out.push({ route: name, fault: `${param} is not a UUID: ${bad.slice(0, 40)}`, method: route.method, path: at, headers: {} });
    }
    for (const foreign of FOREIGN_IDS) {
      const at = pathWith({ [param]: foreign });
      if (baseText) json(`${param} names nothing: ${foreign}`, baseText, 'application/json', at);
      else out.push({ route: name, fault: `${param} names nothing: ${foreign}`, method: route.method, path: at, headers: {} });
    }
  }

  // Bodies that are not JSON, or JSON no route could take. Every route parses a JSON body it is sent.
  for (const text of NOT_JSON) json(`not JSON: ${text.slice(0, 30)}`, text);
  json('empty JSON body', '');
  json('JSON nested 5,000 arrays deep', deepJson(5000));
  json('JSON nested 5,000 objects deep', deepObject(5000));
  json('JSON nested 33 levels deep', deepJson(32));
  for (const [type, text] of OTHER_MEDIA_TYPES) json(`a body of type ${type}`, text, type);

  if (route.body === 'json' && route.schema) jsonBodyFaults(document, route, world, base as Record<string, unknown>, json, options);
  if (route.body === 'multipart' && route.schema) out.push(...multipartFaults(document, route, world, path, options));
  return out;
}

type JsonSender = (fault: string, body: string, contentType?: string) => void;

function jsonBodyFaults(
  document: OpenApiDocument, route: WriteRoute, world: FuzzWorld, base: Record<string, unknown>, json: JsonSender, options: GenerateOptions,
): void {
  const schema = route.schema as Schema;
  const required = new Set(schema.required ?? []);
  const send = (fault: string, body: unknown): void => json(fault, JSON.stringify(body));
  for (const whole of [null, [], [base], 'text', 123, true]) send(`body is ${JSON.stringify(whole).slice(0, 30)}`, whole);
  send('an unknown field', { ...base, fuzzUnknownField: 1 });
  send('an unknown object field', { ...base, fuzzNested: { fuzz: 1 } });
  let huge = false;
  for (const [property, raw] of Object.entries(schema.properties ?? {})) {
    const prop = resolve(document, raw);
    const type = mainType(prop);
    for (const wrong of wrongTypes(prop)) send(`${property} of the wrong type: ${JSON.stringify(wrong)}`, { ...base, [property]: wrong });
    const mayNotBeNull = required.has(property) || route.requiredColumns.includes(property);
    if (mayNotBeNull && !nullable(prop)) send(`${property} is null`, { ...base, [property]: null });
    if (required.has(property)) {
      const { [property]: _left, ...rest } = base;
      send(`${property} is missing`, rest);
    }
    if (type === 'string') {
      send(`${property} holds a NUL character`, { ...base, [property]: `${String(base[property] ?? 'x')}\u0000` });
      if (prop.maxLength !== undefined) send(`${property} is longer than ${prop.maxLength}`, { ...base, [property]: '教'.repeat(prop.maxLength + 1) });
      if (!huge) {
        huge = true;
        send(`${property} is a string of a megabyte`, { ...base, [property]: 'x'.repeat(options.hugeStringBytes ?? 1_100_000) });
      }
    }
    if (type === 'array') {
      const items = resolve(document, prop.items);
      if (mainType(items) === 'string') send(`${property} holds a NUL character`, { ...base, [property]: ['\u0000'] });
      if (mainType(items) === 'object') {
        const item = sampleValue(document, items, property, world) as Record<string, unknown>;
        send(`${property}.0 has an unknown field`, { ...base, [property]: [{ ...item, fuzzUnknownField: 1 }] });
        send(`${property}.0 is not an object`, { ...base, [property]: ['x'] });
        for (const [child, childRaw] of Object.entries(items.properties ?? {})) {
          const childSchema = resolve(document, childRaw);
          send(`${property}.0.${child} of the wrong type`, { ...base, [property]: [{ ...item, [child]: wrongTypes(childSchema)[0] }] });
          if (mainType(childSchema) === 'string') send(`${property}.0.${child} holds a NUL character`, { ...base, [property]: [{ ...item, [child]: 'x\u0000' }] });
        }
      }
    }
    if (type === 'object' && prop.properties) {
      const nested = (base[property] ?? sampleValue(document, prop, property, world)) as Record<string, unknown>;
      send(`${property} has an unknown field`, { ...base, [property]: { ...nested, fuzzUnknownField: 1 } });
      for (const [child, childRaw] of Object.entries(prop.properties)) {
        const childSchema = resolve(document, childRaw);
        send(`${property}.${child} of the wrong type`, { ...base, [property]: { ...nested, [child]: wrongTypes(childSchema)[0] } });
        if (mainType(childSchema) === 'string') send(`${property}.${child} holds a NUL character`, { ...base, [property]: { ...nested, [child]: 'x\u0000' } });
      }
    }
  }
}

function multipartFaults(document: OpenApiDocument, route: WriteRoute, world: FuzzWorld, path: string, options: GenerateOptions): FuzzRequest[] {
  const name = `${route.method} ${route.template}`;
  const schema = route.schema as Schema;
  const out: FuzzRequest[] = [];
  const properties = Object.entries(schema.properties ?? {});
  const fileField = properties.find(([, s]) => resolve(document, s).format === 'binary')?.[0] ?? 'file';
  const textFields = properties.filter(([field]) => field !== fileField);
  const fields: Record<string, string> = {};
  for (const [field, raw] of textFields) fields[field] = String(sampleValue(document, raw, field, world));
  const isImport = route.template.endsWith('/import');
  const goodName = isImport ? 'teachers.csv' : 'lesson.pdf';
  const goodFile = Buffer.from(isImport ? '\uFEFF学号,姓名\n' : '%PDF-1.4\n');
  const boundary = `----fuzz${randomUUID().replaceAll('-', '')}`;
  const partsOf = (values: Record<string, string>, file: MultipartPart | undefined): MultipartPart[] =>
    [...Object.entries(values).map(([field, value]) => ({ name: field, value })), ...(file ? [file] : [])];
  const file = (filename = goodName, content: Uint8Array = goodFile, field = fileField): MultipartPart => ({ name: field, value: content, filename });
  const send = (fault: string, body: Uint8Array | string, contentType = `multipart/form-data; boundary=${boundary}`): void => {
    out.push({ route: name, fault, method: route.method, path, headers: { 'content-type': contentType }, body });
  };
  const form = (values: Record<string, string>, part: MultipartPart | undefined): Uint8Array => multipartBody(boundary, partsOf(values, part));

  // Whole bodies that are not a readable form.
  send('multipart without a boundary', form(fields, file()), 'multipart/form-data');
  send('multipart with a boundary that never comes', form(fields, file()), 'multipart/form-data; boundary=not-the-one-used');
  send('multipart cut short', multipartBody(boundary, partsOf(fields, file(goodName, Buffer.alloc(4096, 7))), false).subarray(0, 300));
  send('multipart that ends before its first part', `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="a.csv"\r\n`);
  send('multipart with a malformed part header', `--${boundary}\r\nContent-Disposition\r\n\r\nx\r\n--${boundary}--\r\n`);
  send('JSON sent as multipart', JSON.stringify(fields));
  send('JSON sent as multipart with no boundary', JSON.stringify(fields), 'multipart/form-data');
  send('an empty multipart body', '');
  send('a form with no file', form(fields, undefined));
  send('the file in a field of another name', form(fields, file(goodName, goodFile, 'document')));
  send('a file type the route does not take', form(fields, file('virus.exe')));
  send('a file without a name extension', form(fields, file('README')));
  send('a file name with a NUL character', form(fields, file(`bad\u0000name${goodName.slice(goodName.lastIndexOf('.'))}`)));
  for (const [field, raw] of textFields) {
    const prop = resolve(document, raw);
    send(`${field} holds a NUL character`, form({ ...fields, [field]: `${fields[field]}\u0000` }, file()));
    if (prop.maxLength !== undefined) send(`${field} is longer than ${prop.maxLength}`, form({ ...fields, [field]: '教'.repeat(prop.maxLength + 1) }, file()));
    if (prop.format === 'uuid') send(`${field} is not a UUID`, form({ ...fields, [field]: 'abc' }, file()));
    if (prop.enum) send(`${field} is not a listed value`, form({ ...fields, [field]: 'not-a-listed-value' }, file()));
    if ((schema.required ?? []).includes(field)) {
      const { [field]: _left, ...rest } = fields;
      send(`${field} is missing`, form(rest, file()));
    }
  }
  send('a text field of 100 KB (above the 64 KB field limit)', form({ ...fields, [textFields[0]?.[0] ?? 'note']: 'x'.repeat(100 * 1024) }, file()));
  if (isImport) {
    for (const bad of options.badSpreadsheets ?? []) send(bad.fault, form(fields, file(bad.filename, bad.content)));
  }
  return out;
}
