import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, pathOf } from '../errors/problem.filter.js';
import { toProblem } from '../errors/problem.js';

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
  const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long'
    : error.code === 'FST_ERR_BAD_URL' ? 'The path is not valid percent-encoded text'
      : error.message;
  const problem = toProblem(Object.assign(new Error(detail), { statusCode: error.statusCode ?? 400 }), instance, request.id);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).header('x-request-id', request.id).send(JSON.stringify(problem));
}
