import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, pathOf } from '../errors/problem.filter.js';
import { localizeProblem, toProblem } from '../errors/problem.js';
import { negotiateLocale, renderMessage } from '@jiaolian/contracts';

/** Longest path instance a problem echoes; a path parameter of thousands of characters is cut here. */
const MAX_INSTANCE_LENGTH = 256;

/**
 * Fastify answers some requests before any route or hook runs: a path parameter longer than the router
 * accepts (414) and a path that is not valid percent-encoding (400). This answers them as problem+json,
 * like every other failure, without echoing the whole offending path in the detail.
 */
export function answerFrameworkError(error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const path = pathOf(request.url);
  const instance = path.length > MAX_INSTANCE_LENGTH ? `${path.slice(0, MAX_INSTANCE_LENGTH)}…` : path;
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'http.param-too-long' : error.code === 'FST_ERR_BAD_URL' ? 'http.bad-url' : undefined;
  const detail = code ? renderMessage(code, undefined, 'en') : error.message;
  const problem = toProblem(Object.assign(new Error(detail), { statusCode: error.statusCode ?? 400 }), instance, request.id);
  if (code) problem.code = code;
  const locale = negotiateLocale(request.headers['accept-language']);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).header('content-language', locale).header('x-request-id', request.id)
    .send(JSON.stringify(localizeProblem(problem, locale)));
}
