import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { negotiateLocale } from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { GATEWAY_LOGGER } from '../tokens.js';
import { OAuthError } from './oauth-error.js';
import { localizeProblem, toProblem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** The answer an error becomes: status, content type and language, and the problem+json text. */
export function problemAnswer(exception: unknown, request: FastifyRequest): { status: number; locale: string; body: string } {
  const problem = toProblem(exception, pathOf(request.url), request.id);
  const locale = negotiateLocale(request.headers['accept-language']);
  let body: object = localizeProblem(problem, locale);
  // RFC 6749 §5.2: OAuth clients read `error`
  if (exception instanceof OAuthError) body = { ...body, error: exception.oauthError };
  return { status: problem.status, locale, body: JSON.stringify(body) };
}

/** The one place errors become HTTP answers: application/problem+json for every failure, in the caller's language. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(GATEWAY_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const answer = problemAnswer(exception, request);
    if (answer.status >= 500) {
      if (exception instanceof DomainError) this.logger.warn({ requestId: request.id, kind: exception.kind, detail: exception.detail }, 'service failure');
      else this.logger.error({ requestId: request.id, err: exception }, 'unhandled error');
    }
    if (exception instanceof OAuthError) {
      // a failed client authentication also names the scheme to use
      void reply.header('cache-control', 'no-store');
      if (exception.oauthError === 'invalid_client') void reply.header('www-authenticate', 'Basic realm="jiaolian", charset="UTF-8"');
    }
    void reply.status(answer.status).header('content-type', PROBLEM_CONTENT_TYPE).header('content-language', answer.locale).send(answer.body);
  }
}
