import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PageOf } from './page.js';
import { ProblemView } from './problem.view.js';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each offending field',
  401: 'Missing, invalid or expired access token',
  403: 'Your role may not do this',
  404: 'No such object, or not visible to you',
  409: 'Conflicts with the current state',
  429: 'Too many requests',
  503: 'The service behind this route is unavailable',
  504: 'The service behind this route did not answer in time',
};

export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({
    status,
    description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } },
  })));
}

export interface ApiRouteOptions {
  summary: string;
  /** the longer explanation under the summary (rules a caller needs to know) */
  description?: string;
  /** the reply view; omit for 204 */
  view?: Type<unknown>;
  /** the reply is a page of `view` */
  page?: boolean;
  /** 201 for creations, 204 for no content; 200 otherwise */
  status?: 200 | 201 | 204;
  /** the route takes an `:id` (adds 404) */
  byId?: boolean;
  /** extra problem statuses (e.g. 409) */
  problems?: number[];
}

/** Documents a route's reply and the problems it can answer, and sets its status code. */
export function ApiRoute(options: ApiRouteOptions): MethodDecorator {
  const status = options.status ?? 200;
  const type = options.view && options.page ? PageOf(options.view) : options.view;
  const reply = status === 204 ? ApiNoContentResponse({ description: 'Done' })
    : status === 201 ? ApiCreatedResponse({ type })
      : ApiOkResponse({ type });
  const problems = [400, ...(options.byId ? [404] : []), ...(options.problems ?? []), 429, 503, 504];
  const decorators = [ApiOperation({ summary: options.summary, ...(options.description ? { description: options.description } : {}) }), HttpCode(status), reply, ApiProblems(...problems)];
  if (options.byId) decorators.push(ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } }));
  return applyDecorators(...decorators);
}
