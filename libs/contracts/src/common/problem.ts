import type { MessageParams } from './messages.js';

/** Kinds of domain error; each maps to one HTTP status at the gateway. */
export const ERROR_KINDS = {
  'validation-failed': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'unprocessable': 422,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;

export interface FieldError {
  /** dotted path of the offending field, e.g. `schoolCode` or `members.0.role` */
  field: string;
  message: string;
  /** 1-based row number for bulk imports */
  row?: number;
  /** stable code of what is wrong (see MESSAGES), e.g. `field.maxLength` */
  code?: string;
  /** the values `message` was built from, e.g. `{ field: 'name', max: 100 }` */
  params?: MessageParams;
}

/** The body a service sends back over NATS when a request fails. */
export interface DomainErrorBody {
  kind: ErrorKind;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** stable code of the failure (see MESSAGES); the kind when nothing more specific applies */
  code?: string;
  params?: MessageParams;
}

/** RFC 9457 problem details as the gateway answers them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  code?: string;
  params?: MessageParams;
}

export const problemType = (kind: ErrorKind): string => `urn:jiaolian:problem:${kind}`;
