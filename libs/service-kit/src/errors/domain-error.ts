import {
  ERROR_KINDS, renderMessage, type DomainErrorBody, type ErrorKind, type FieldError, type MessageCode, type MessageParams,
} from '@jiaolian/contracts';

/**
 * A failure the caller can act on. Thrown in services, carried over NATS, mapped once to problem+json.
 * `code` (default: the kind) and `params` are stable, so the gateway can answer in the caller's
 * language and clients can show their own words; `detail` is the English text.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly params?: MessageParams;

  constructor(
    readonly kind: ErrorKind,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    coded?: { code: string; params?: MessageParams },
  ) {
    super(detail ?? title);
    this.name = new.target.name;
    this.code = coded?.code ?? kind;
    if (coded?.params) this.params = coded.params;
  }

  get status(): number {
    return ERROR_KINDS[this.kind];
  }

  toBody(): DomainErrorBody {
    const body: DomainErrorBody = { kind: this.kind, title: this.title, detail: this.detail, errors: this.errors, code: this.code };
    if (this.params) body.params = this.params;
    return body;
  }

  static fromBody(body: DomainErrorBody): DomainError {
    return new DomainError(body.kind, body.title, body.detail, body.errors, body.code ? { code: body.code, params: body.params } : undefined);
  }

  /** An error of a catalogued code: its English detail comes from the catalogue. */
  static coded(kind: ErrorKind, code: MessageCode, params?: MessageParams, errors?: FieldError[]): DomainError {
    return new DomainError(kind, TITLES[kind], renderMessage(code, params, 'en'), errors, { code, params });
  }
}

const TITLES: Record<ErrorKind, string> = {
  'validation-failed': 'Validation failed', unauthenticated: 'Unauthenticated', forbidden: 'Forbidden', 'not-found': 'Not found',
  conflict: 'Conflict', unprocessable: 'Unprocessable', 'rate-limited': 'Too many requests', internal: 'Internal error',
  unavailable: 'Service unavailable', timeout: 'Timeout',
};

/** A field error of a catalogued code, its English message from the catalogue (`field` is a parameter too). */
export function fieldError(field: string, code: MessageCode, params: MessageParams = {}, row?: number): FieldError {
  const all = { field, ...params };
  return { field, message: renderMessage(code, all, 'en') ?? field, code, params: all, ...(row === undefined ? {} : { row }) };
}

/** The object does not exist, or exists outside what the caller may see: both answer 404. */
export class NotFoundError extends DomainError {
  constructor(entity: string, id?: string) {
    super('not-found', `${entity} not found`, id ? `No ${entity} with id ${id} is visible to you` : undefined, undefined, { code: 'not-found', params: { entity } });
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields', coded?: { code: string; params?: MessageParams }) {
    super('validation-failed', 'Validation failed', detail, errors, coded);
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }], message);
  }

  /** One field that breaks a catalogued rule, e.g. `ValidationError.of('name', 'field.isNotEmpty')`. */
  static of(field: string, code: MessageCode, params: MessageParams = {}): ValidationError {
    const error = fieldError(field, code, params);
    return new ValidationError([error], error.message, { code, params: error.params });
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'Your role does not allow this action', coded?: { code: string; params?: MessageParams }) {
    super('forbidden', 'Forbidden', detail, undefined, coded);
  }

  /** A refusal of a catalogued code, e.g. `ForbiddenError.of('membership.school.create-forbidden')`. */
  static of(code: MessageCode, params?: MessageParams): ForbiddenError {
    return new ForbiddenError(englishOf(code, params), { code, params });
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, errors?: FieldError[], coded?: { code: string; params?: MessageParams }) {
    super('conflict', 'Conflict', detail, errors, coded);
  }

  /** A conflict of a catalogued code, with the field errors that locate it (built with `fieldError`). */
  static of(code: MessageCode, params?: MessageParams, errors?: FieldError[]): ConflictError {
    return new ConflictError(englishOf(code, params), errors, { code, params });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail = 'Authentication is required', coded?: { code: string; params?: MessageParams }) {
    super('unauthenticated', 'Unauthenticated', detail, undefined, coded);
  }

  /** A failed authentication of a catalogued code, e.g. `UnauthenticatedError.of('auth.token-expired')`. */
  static of(code: MessageCode, params?: MessageParams): UnauthenticatedError {
    return new UnauthenticatedError(englishOf(code, params), { code, params });
  }
}

/** The English text of a catalogued code (the code itself should the catalogue lack it). */
function englishOf(code: MessageCode, params?: MessageParams): string {
  return renderMessage(code, params, 'en') ?? code;
}

export function isDomainErrorBody(value: unknown): value is DomainErrorBody {
  return typeof value === 'object' && value !== null && 'kind' in value && 'title' in value
    && typeof (value as { kind: unknown }).kind === 'string' && (value as { kind: string }).kind in ERROR_KINDS;
}
