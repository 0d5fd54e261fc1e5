import { HttpException } from '@nestjs/common';
import { ERROR_KINDS, problemType, type ErrorKind, type FieldError, type ProblemDetails } from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';
import { STATUS_CODES } from 'node:http';

export type Problem = ProblemDetails & { requestId: string; errors: FieldError[] };

const KIND_BY_STATUS = new Map<number, ErrorKind>(Object.entries(ERROR_KINDS).map(([kind, status]) => [status, kind as ErrorKind]));

const TITLES: Partial<Record<ErrorKind, string>> = {
  'validation-failed': 'Validation failed',
  unauthenticated: 'Unauthenticated',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'rate-limited': 'Too many requests',
  internal: 'Internal error',
};

/** Errors fastify and its plugins raise carry an HTTP status (bad JSON, body too large, rate limit). */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

function problemOf(status: number, detail: string | undefined, instance: string, requestId: string, errors: FieldError[] = []): Problem {
  const kind = KIND_BY_STATUS.get(status);
  return {
    type: kind ? problemType(kind) : 'about:blank',
    title: (kind && TITLES[kind]) ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    requestId,
    errors,
  };
}

/**
 * Maps anything thrown while handling a request to RFC 9457 problem details. Domain errors (from
 * the gateway or relayed from a service) keep their kind, title, detail and field errors; client
 * errors keep their message; anything else is a 500 that reveals nothing about the internals.
 */
export function toProblem(error: unknown, instance: string, requestId: string): Problem {
  if (error instanceof DomainError) {
    return { type: problemType(error.kind), title: error.title, status: error.status, detail: error.detail, instance, requestId, errors: error.errors ?? [] };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return problemOf(status, status < 500 ? error.message : undefined, instance, requestId);
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status < 500) return problemOf(status, (error as Error).message, instance, requestId);
  return problemOf(500, 'An unexpected error occurred; quote the request id when reporting it', instance, requestId);
}
