import type { ErrorKind, MessageCode, MessageParams } from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';

/** RFC 6749 §5.2 error codes the token endpoint answers. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

/**
 * A token endpoint failure: a problem+json like every other error, carrying RFC 6749's `error` member
 * as well so that OAuth libraries understand it (the ProblemFilter adds it, and WWW-Authenticate for
 * invalid_client).
 */
export class OAuthError extends DomainError {
  constructor(readonly oauthError: OAuthErrorCode, kind: ErrorKind, code: MessageCode, params?: MessageParams) {
    const base = DomainError.coded(kind, code, params);
    super(kind, base.title, base.detail, undefined, { code, params });
  }
}
