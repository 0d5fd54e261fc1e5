import { ERROR_KINDS, type DomainErrorBody, type ErrorKind, type FieldError } from '@jiaolian/contracts';

/** A failure the caller can act on. Thrown in services, carried over NATS, mapped once to problem+json. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }

  get status(): number {
    return ERROR_KINDS[this.kind];
  }

  toBody(): DomainErrorBody {
    return { kind: this.kind, title: this.title, detail: this.detail, errors: this.errors };
  }

  static fromBody(body: DomainErrorBody): DomainError {
    return new DomainError(body.kind, body.title, body.detail, body.errors);
  }
}

/** The object does not exist, or exists outside what the caller may see: both answer 404. */
export class NotFoundError extends DomainError {
  constructor(entity: string, id?: string) {
    super('not-found', `${entity} not found`, id ? `No ${entity} with id ${id} is visible to you` : undefined);
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields') {
    super('validation-failed', 'Validation failed', detail, errors);
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }], message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'Your role does not allow this action') {
    super('forbidden', 'Forbidden', detail);
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super('conflict', 'Conflict', detail, errors);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail = 'Authentication is required') {
    super('unauthenticated', 'Unauthenticated', detail);
  }
}

export function isDomainErrorBody(value: unknown): value is DomainErrorBody {
  return typeof value === 'object' && value !== null && 'kind' in value && 'title' in value
    && typeof (value as { kind: unknown }).kind === 'string' && (value as { kind: string }).kind in ERROR_KINDS;
}
