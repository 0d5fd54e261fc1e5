import { ConflictError, DomainError, fieldError, ForbiddenError, UnauthenticatedError } from './domain-error.js';

describe('coded domain errors', () => {
  it('keeps the subclass, its kind and status, and renders the English detail from the catalogue', () => {
    const sut = ForbiddenError.of('membership.school.create-forbidden');
    expect(sut).toBeInstanceOf(ForbiddenError);
    expect(sut.toBody()).toEqual({ kind: 'forbidden', title: 'Forbidden', detail: 'Only the district admin registers schools', code: 'membership.school.create-forbidden' });
    expect(sut.status).toBe(403);
  });

  it('carries the parameters and the field errors of a conflict', () => {
    const sut = ConflictError.of('membership.user.username-taken', { username: 'wang.li' }, [fieldError('username', 'membership.user.username-in-use')]);
    expect(sut).toBeInstanceOf(ConflictError);
    expect(sut.toBody()).toEqual({
      kind: 'conflict', title: 'Conflict', detail: 'The username wang.li is taken', code: 'membership.user.username-taken', params: { username: 'wang.li' },
      errors: [{ field: 'username', message: 'username is taken', code: 'membership.user.username-in-use', params: { field: 'username' } }],
    });
  });

  it('survives the trip over the bus with its code and parameters', () => {
    const sent = UnauthenticatedError.of('gateway.auth.token-missing', { header: 'Authorization: Bearer <token>' });
    expect(sent).toBeInstanceOf(UnauthenticatedError);
    const received = DomainError.fromBody(JSON.parse(JSON.stringify(sent.toBody())));
    expect(received).toMatchObject({ kind: 'unauthenticated', status: 401, code: 'gateway.auth.token-missing', detail: 'Send an access token: Authorization: Bearer <token>' });
  });

  it('leaves an uncoded refusal as it was', () => {
    expect(new ForbiddenError().toBody()).toEqual({ kind: 'forbidden', title: 'Forbidden', detail: 'Your role does not allow this action', code: 'forbidden' });
  });
});
