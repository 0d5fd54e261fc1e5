import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, NotFoundError, ValidationError, toBusError } from '@jiaolian/service-kit';
import { NoRespondersError, TimeoutError } from '@nats-io/transport-node';
import { toProblem } from './problem.js';

describe(toProblem.name, () => {
  const instance = '/api/v1/schools';
  const requestId = 'req-1';

  it('keeps kind, title, detail and field errors of a domain error', () => {
    const sut = toProblem(new ValidationError([{ field: 'schoolId', message: 'schoolId must be a UUID' }]), instance, requestId);
    expect(sut).toEqual({
      type: 'urn:jiaolian:problem:validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'The request has invalid fields',
      instance,
      requestId,
      errors: [{ field: 'schoolId', message: 'schoolId must be a UUID' }],
    });
  });

  it.each([
    ['not found', new NotFoundError('School', 'x'), 404, 'urn:jiaolian:problem:not-found'],
    ['conflict', new DomainError('conflict', 'Conflict', 'code taken'), 409, 'urn:jiaolian:problem:conflict'],
    ['no responder on the bus', toBusError(new NoRespondersError('membership.school.list'), 'membership.school.list'), 503, 'urn:jiaolian:problem:unavailable'],
    ['bus timeout', toBusError(new TimeoutError(), 'membership.school.list'), 504, 'urn:jiaolian:problem:timeout'],
  ])('maps %s to %i', (_, error, status, type) => {
    const sut = toProblem(error, instance, requestId);
    expect(sut.status).toBe(status);
    expect(sut.type).toBe(type);
    expect(sut.errors).toEqual([]);
  });

  it('answers an unknown route as 404 with the route in the detail', () => {
    const sut = toProblem(new NotFoundException('Cannot GET /api/v1/nope'), '/api/v1/nope', requestId);
    expect(sut).toMatchObject({ status: 404, type: 'urn:jiaolian:problem:not-found', detail: 'Cannot GET /api/v1/nope' });
  });

  it('answers the rate limiter as 429', () => {
    const error = Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429 });
    expect(toProblem(error, instance, requestId)).toMatchObject({ status: 429, type: 'urn:jiaolian:problem:rate-limited', title: 'Too many requests' });
  });

  it('answers fastify client errors without a kind with about:blank and the HTTP title', () => {
    const error = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toProblem(error, instance, requestId)).toMatchObject({ status: 413, type: 'about:blank', title: 'Payload Too Large' });
  });

  it('keeps a Nest client error message', () => {
    expect(toProblem(new BadRequestException('bad'), instance, requestId)).toMatchObject({ status: 400, detail: 'bad' });
  });

  it.each([
    ['a plain error', new Error('password authentication failed for user "jiaolian" at 10.0.0.5')],
    ['an error claiming a 5xx status', Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { statusCode: 502 })],
    ['a thrown string', 'SELECT * FROM membership.users'],
  ])('answers %s as a 500 that leaks nothing', (_, error) => {
    const sut = toProblem(error, instance, requestId);
    expect(sut.status).toBe(500);
    expect(sut.type).toBe('urn:jiaolian:problem:internal');
    expect(JSON.stringify(sut)).not.toMatch(/10\.0\.0\.5|password|SELECT|ECONNREFUSED/);
    expect(sut.requestId).toBe(requestId);
  });
});
