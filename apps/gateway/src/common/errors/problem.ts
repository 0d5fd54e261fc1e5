import { HttpException } from '@nestjs/common';
import {
  ERROR_KINDS, KIND_TITLES, problemType, renderMessage, type ErrorKind, type FieldError, type Locale, type MessageParams, type ProblemDetails,
} from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';
import { STATUS_CODES } from 'node:http';

export type Problem = ProblemDetails & { requestId: string; errors: FieldError[]; code: string };

const KIND_BY_STATUS = new Map<number, ErrorKind>(Object.entries(ERROR_KINDS).map(([kind, status]) => [status, kind as ErrorKind]));

/** Errors fastify and its plugins raise carry an HTTP status (bad JSON, body too large, rate limit). */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

/** Stable codes of the HTTP-level failures that fastify raises before a route runs. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'http.bad-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'http.bad-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'http.body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'http.unsupported-media-type',
};

function problemOf(status: number, detail: string | undefined, instance: string, requestId: string, code?: string, errors: FieldError[] = []): Problem {
  const kind = KIND_BY_STATUS.get(status);
  return {
    type: kind ? problemType(kind) : 'about:blank',
    title: (kind && KIND_TITLES[kind].en) ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    requestId,
    code: code ?? kind ?? (status >= 500 ? 'internal' : 'http.client-error'),
    errors,
  };
}

/**
 * Maps anything thrown while handling a request to RFC 9457 problem details. Domain errors (from
 * the gateway or relayed from a service) keep their kind, title, detail, code and field errors; client
 * errors keep their message; anything else is a 500 that reveals nothing about the internals.
 * The result is in English; `localizeProblem` renders it in the caller's language.
 */
export function toProblem(error: unknown, instance: string, requestId: string): Problem {
  if (error instanceof DomainError) {
    const problem: Problem = {
      type: problemType(error.kind), title: error.title, status: error.status, detail: error.detail, instance, requestId, code: error.code, errors: error.errors ?? [],
    };
    if (error.params) problem.params = error.params;
    return problem;
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const unknownRoute = status === 404 ? /^Cannot (\w+) (.+)$/.exec(error.message) : null;
    if (unknownRoute) {
      return { ...problemOf(status, error.message, instance, requestId, 'http.route-not-found'), params: { method: unknownRoute[1] ?? '', path: instance } };
    }
    return problemOf(status, status < 500 ? error.message : undefined, instance, requestId);
  }
  const status = httpStatusOf(error);
  if (status === 429) {
    const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    const problem = problemOf(status, (error as Error).message, instance, requestId, 'rate-limited');
    if (typeof seconds === 'number') problem.params = { retryAfter: seconds };
    return problem;
  }
  if (status !== undefined && status < 500) {
    const fastifyCode = (error as { code?: unknown }).code;
    return problemOf(status, (error as Error).message, instance, requestId, typeof fastifyCode === 'string' ? FASTIFY_CODES[fastifyCode] : undefined);
  }
  return problemOf(500, 'An unexpected error occurred; quote the request id when reporting it', instance, requestId, 'internal');
}

/** Chinese titles of the HTTP statuses that have no error kind of their own. */
const HTTP_TITLES_ZH: Record<number, string> = {
  405: '不支持的请求方法', 406: '无法提供所需格式', 408: '请求超时', 411: '缺少内容长度', 413: '请求体过大', 414: '请求地址过长',
  415: '不支持的内容类型', 416: '请求范围无效', 431: '请求头过大',
};

/** A catalogued message in a locale, unless a parameter it needs is missing (then undefined). */
export function rendered(code: string | undefined, params: MessageParams | undefined, locale: Locale): string | undefined {
  const text = renderMessage(code, params, locale);
  return text === undefined || /\{\w+\}/.test(text) ? undefined : text;
}

/**
 * The problem in the caller's language. English keeps the text the service wrote (it may say more
 * than the catalogue); Chinese renders title, detail and every field message from the catalogue by
 * code, and falls back to the kind's general sentence for a detail whose code is not catalogued, so a
 * zh-CN user never reads an English sentence. Codes and parameters are the same in every language.
 */
export function localizeProblem(problem: Problem, locale: Locale): Problem {
  if (locale === 'en') return problem;
  const kind = KIND_BY_STATUS.get(problem.status);
  const errors = problem.errors.map((e) => {
    const message = rendered(e.code, e.params ?? { field: e.field }, locale);
    return message === undefined ? e : { ...e, message };
  });
  const detail = problem.detail === undefined
    ? undefined
    : rendered(problem.code, problem.params, locale) ?? (errors.length === 1 && problem.detail === problem.errors[0]?.message ? errors[0]?.message : undefined)
      ?? rendered(kind, problem.params, locale) ?? (kind ? KIND_TITLES[kind][locale] : problem.detail);
  return { ...problem, title: kind ? KIND_TITLES[kind][locale] : HTTP_TITLES_ZH[problem.status] ?? problem.title, detail, errors };
}
