/** One offending field of a rejected request, as the gateway names it (dotted path). */
export interface ApiFieldError {
  field: string;
  message: string;
  row?: number;
  /** stable code of what is wrong, e.g. `field.maxLength` */
  code?: string;
  params?: Record<string, string | number>;
}

/** RFC 9457 problem details as the gateway answers them (application/problem+json). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: ApiFieldError[];
  /** stable code of the failure; the kind when nothing more specific applies */
  code?: string;
  params?: Record<string, string | number>;
}

/** A failed API call: what the gateway said, typed, with the fields it blamed. */
export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly requestId?: string;
  readonly errors: ApiFieldError[];
  readonly code?: string;
  readonly params?: Record<string, string | number>;

  constructor(body: ProblemBody) {
    super(body.detail ?? body.title);
    this.name = 'ApiProblem';
    this.type = body.type;
    this.title = body.title;
    this.status = body.status;
    this.detail = body.detail;
    this.requestId = body.requestId;
    this.errors = body.errors ?? [];
    this.code = body.code;
    this.params = body.params;
  }

  /** The kind after `urn:jiaolian:problem:` (e.g. `validation-failed`), or the raw type. */
  get kind(): string {
    return this.type.replace(/^urn:jiaolian:problem:/, '');
  }

  /** Field errors keyed by field path; several messages for one field are joined. */
  get fieldErrors(): Record<string, string[]> {
    const byField: Record<string, string[]> = {};
    for (const e of this.errors) (byField[e.field] ??= []).push(e.message);
    return byField;
  }
}

export const isApiProblem = (e: unknown): e is ApiProblem => e instanceof ApiProblem;

const isProblemBody = (v: unknown): v is ProblemBody =>
  typeof v === 'object' && v !== null && typeof (v as ProblemBody).title === 'string' && typeof (v as ProblemBody).status === 'number';

/**
 * Turns any failed response into an ApiProblem, even when the body is not problem+json (a proxy's
 * HTML error page, an empty 502): callers handle one error type.
 */
export function toApiProblem(response: Response, body: unknown): ApiProblem {
  if (isProblemBody(body)) {
    return new ApiProblem({ ...body, type: body.type ?? 'about:blank', errors: Array.isArray(body.errors) ? body.errors : [] });
  }
  return new ApiProblem({
    type: response.status >= 500 ? 'urn:jiaolian:problem:unavailable' : 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: typeof body === 'string' && body.length > 0 && body.length < 500 ? body : undefined,
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
}

/** A network failure (gateway unreachable) as an ApiProblem with status 0. */
export function networkProblem(cause: unknown): ApiProblem {
  return new ApiProblem({
    type: 'urn:jiaolian:problem:network',
    title: 'Network error',
    status: 0,
    detail: cause instanceof Error ? cause.message : String(cause),
  });
}
