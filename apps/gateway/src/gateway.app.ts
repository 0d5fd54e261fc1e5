import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyMultipart from '@fastify/multipart';
import helmet from 'helmet';
import { CallerTokens, createLogger, JsonLogger } from '@jiaolian/service-kit';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { answerFrameworkError } from './common/http/framework-errors.js';
import { GatewayMetrics } from './common/http/http-metrics.js';
import { rateLimitKey, rateLimitMax } from './common/http/rate-limit.js';
import { useJsonBodyParser } from './common/http/json-body.js';
import { useFormBodyParser } from './common/http/form-body.js';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor.js';
import { TOKEN_PATH } from './auth/oauth.controller.js';
import { lingerOnRefusedBodies } from './common/http/refused-bodies.js';
import type { GatewayConfig } from './config.js';
import { buildOpenApiDocument } from './openapi/openapi.document.js';

export const API_PREFIX = 'api/v1';
export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keep a caller's request id when it is sane (so traces join up), otherwise make one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export interface GatewayApp {
  app: NestFastifyApplication;
  logger: Logger;
}

/**
 * Builds the gateway: Fastify with security headers, CORS, rate limits, request ids, metrics and
 * request logs; Nest routes under /api/v1; the OpenAPI document and Swagger UI under /api.
 * Nothing connects to NATS until the app is initialised (listen), so `openapi` can run offline.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<GatewayApp> {
  const logger = createLogger('gateway', config.kit.logLevel);
  const metrics = new GatewayMetrics();
  const adapter = new FastifyAdapter({
    logger: false,
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // Too long a path parameter (414) or a badly encoded path (400), answered before any route runs.
    frameworkErrors: answerFrameworkError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, metrics), adapter, {
    logger: new JsonLogger(logger),
    abortOnError: false,
    // The API takes JSON (parsed below), multipart on upload routes, and a form on the token route only.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });

  const fastify = app.getHttpAdapter().getInstance();
  useJsonBodyParser(app, config.bodyLimitBytes);
  // OAuth2 libraries send the token request as a form (RFC 6749 §4.4.2); every other route takes JSON only
  useFormBodyParser(app, config.bodyLimitBytes, [`/${API_PREFIX}/${TOKEN_PATH}`]);  lingerOnRefusedBodies(fastify);
  // Fastify parses text/plain by default; a route then sees a string body, so it is answered 415 instead.
  fastify.removeContentTypeParser('text/plain');
  fastify.decorateRequest('callerToken', undefined);
  fastify.decorateRequest('caller', undefined);
  fastify.decorateRequest('idempotency', undefined);
  fastify.decorateRequest('uploadFingerprint', undefined);
  // The answer of a request holding an Idempotency-Key is stored before it goes out, so a retry that
  // follows it finds it; see IdempotencyInterceptor.
  const idempotency = app.get(IdempotencyInterceptor);
  fastify.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency;
    if (held && !held.settled) {
      const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : payload == null ? undefined : 'stream';
      await idempotency.settle(held, reply.statusCode, reply.getHeaders(), body, request.uploadFingerprint);
    }
    return payload;
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  const logRequests = logger.isLevelEnabled('info');
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (logRequests) {
      logger.info({ requestId: request.id, method: request.method, route, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    }
    done();
  });

  // Security headers, built once (the Fastify plugin for helmet rebuilds its middleware on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Local and intranet deployments often serve plain HTTP; upgrading would break the docs page there.
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(fastifyCors, {
    origin: config.corsOrigins,
    credentials: true,
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'idempotent-replayed', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });
  if (!config.rateLimit.disabled) {
    await app.register(fastifyRateLimit, {
      global: true,
      // an API client's own limit travels in its token (requests per minute, scaled to the window)
      max: rateLimitMax(app.get(CallerTokens), config.rateLimit.max, config.rateLimit.windowMs),
      timeWindow: config.rateLimit.windowMs,
      // per signed-in caller: a computer room behind one address is many callers, each with the full budget
      keyGenerator: rateLimitKey(app.get(CallerTokens)),
      // Probes must never be throttled (metrics are scraped on the internal port, outside these limits).
      allowList: (request) => request.url === '/health/live' || request.url === '/health/ready',
      // the wait travels with the error so the problem can say it in the caller's language
      errorResponseBuilder: (_request, context) => Object.assign(new Error(`Rate limit exceeded, retry in ${context.after}`), {
        statusCode: context.statusCode, retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
    });
  }

  // Uploads stream file by file into the file store (common/files); limits are checked per route too.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 20, fileSize: config.maxUploadBytes, fieldSize: 64 * 1024 } });

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Jiaolian API',
  });
  return { app, logger };
}
