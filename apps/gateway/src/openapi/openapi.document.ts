import type { INestApplication } from '@nestjs/common';
import { OAUTH2_SCHEME } from '../common/auth/auth.decorators.js';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_SCOPES, SCOPE_DESCRIPTIONS } from '@jiaolian/contracts';
import { FieldErrorView, ProblemView } from './problem.view.js';

/** Where API clients get tokens (RFC 6749 §4.4), relative to the server. */
export const TOKEN_URL = '/api/v1/oauth/token';

export const OPENAPI_VERSION = '3.1.0';
export const API_VERSION = '1.0.0';

const TAGS: [string, string][] = [
  ['auth', 'Sign-in and tokens'],
  ['districts', 'Districts (区县), the tenants'],
  ['schools', 'Schools (学校) and campuses'],
  ['alliances', 'Alliances (教联体/教育联盟/结对帮扶) and their members'],
  ['join-requests', 'Invitations and applications to join an alliance'],
  ['users', 'User accounts and role assignments'],
  ['api-clients', 'API clients (第三方应用): OAuth2 client credentials for third-party systems'],
  ['audit', 'Audit trail'],
  ['system', 'Service status and service directories'],
  ['changes', 'The change feed (增量同步): every create, update and delete you may see, in order, and the public event catalogue that webhooks share (docs/events.md)'],
];

/** `SchoolsController.list` → `schoolsList`: stable, readable names for generated clients. */
function operationId(controllerKey: string, methodKey: string): string {
  const base = controllerKey.replace(/Controller$/, '');
  return `${base.charAt(0).toLowerCase()}${base.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

/** The public API document (OpenAPI 3.1) of an app whose routes are registered but not yet listening. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Jiaolian API')
    .setDescription('The public REST API of Jiaolian (教联): districts, schools, alliances and what they share. '
      + 'Errors are RFC 9457 application/problem+json; lists take page, pageSize, sort and q.')
    .setVersion(API_VERSION)
    .setOpenAPIVersion(OPENAPI_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/v1/auth/login' })
    .addOAuth2({
      type: 'oauth2',
      description: 'API clients: the client credentials grant. Each operation lists the scopes it accepts; '
        + 'an operation without oauth2 scopes is not open to API clients.',
      flows: {
        clientCredentials: {
          tokenUrl: TOKEN_URL,
          scopes: Object.fromEntries(API_SCOPES.map((scope) => [scope, `${SCOPE_DESCRIPTIONS[scope].en} / ${SCOPE_DESCRIPTIONS[scope]['zh-CN']}`])),
        },
      },
    }, OAUTH2_SCHEME);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ProblemView, FieldErrorView], operationIdFactory: operationId });
  document.openapi = OPENAPI_VERSION;
  declareIdempotencyKey(document);
  return toOpenApi31(document);
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/**
 * The `Idempotency-Key` header, one shared parameter declared on every write operation that takes an
 * access token (see IdempotencyInterceptor), with the 409 and 422 answers it can bring.
 */
export function declareIdempotencyKey(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Makes the request safe to retry: a retry with the same key (per caller, kept 24 hours) and the same method, path and body '
        + 'gets the first answer again (2xx or 4xx, with `Idempotent-Replayed: true`) and changes nothing; a 5xx answer is not kept, so the retry runs again. '
        + 'The same key with another request answers 422; a retry while the first request still runs waits for it (up to 10 s by default), then answers 409 with Retry-After. '
        + 'For uploads (multipart) the bytes and name of the file and the fields of the form count as the body. 1 to 255 printable ASCII characters, e.g. a UUID.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
    },
  };
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemView' } } };
  for (const item of Object.values(document.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = item[method];
      if (!operation?.security?.length) continue;
      operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
      operation.responses['409'] ??= { description: 'Conflicts with the current state, or the first request with this Idempotency-Key is still running', content: problem };
      operation.responses['422'] ??= { description: 'The Idempotency-Key was used for another request', content: problem };
    }
  }
}

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.1 has no `nullable`; JSON Schema says `type: [T, 'null']`. The swagger scanner still
 * writes 3.0's keyword, so the document is rewritten once when it is built.
 */
export function toOpenApi31<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => toOpenApi31(item)) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = toOpenApi31(value);
  if (out['nullable'] !== true) {
    delete out['nullable'];
    return out as T;
  }
  delete out['nullable'];
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...(out['enum'] as unknown[]), null];
    return out as T;
  }
  if (Array.isArray(out['type'])) {
    if (!(out['type'] as unknown[]).includes('null')) out['type'] = [...(out['type'] as unknown[]), 'null'];
    return out as T;
  }
  const schemaKeys = ['$ref', 'allOf', 'oneOf', 'anyOf'];
  const inner: Json = {};
  for (const key of schemaKeys) if (key in out) { inner[key] = out[key]; delete out[key]; }
  if (Object.keys(inner).length === 0) return out as T;
  return { ...out, anyOf: [inner, { type: 'null' }] } as T;
}
