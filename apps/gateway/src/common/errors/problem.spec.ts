import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, fieldError, NotFoundError, ValidationError, toBusError } from '@jiaolian/service-kit';
import { NoRespondersError, TimeoutError } from '@nats-io/transport-node';
import { localizeProblem, toProblem } from './problem.js';

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
      code: 'validation-failed',
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

describe(localizeProblem.name, () => {
  const instance = '/api/v1/schools';
  const requestId = 'req-1';
  const hasLatinSentence = (text: string): boolean => /[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(text);

  it('leaves an English answer as the service wrote it', () => {
    const problem = toProblem(new DomainError('conflict', 'Conflict', 'Only a draft exam can be changed; this one is open'), instance, requestId);
    expect(localizeProblem(problem, 'en')).toBe(problem);
  });

  it('renders a catalogued field error in Chinese with its parameters, and keeps code and params', () => {
    const error = new ValidationError([fieldError('name', 'field.maxLength', { max: 100 })]);
    const sut = localizeProblem(toProblem(error, instance, requestId), 'zh-CN');
    expect(sut.title).toBe('输入有误');
    expect(sut.detail).toBe('请求中有不符合要求的字段');
    expect(sut.code).toBe('validation-failed');
    expect(sut.errors).toEqual([{ field: 'name', message: 'name 不能超过 100 个字符', code: 'field.maxLength', params: { field: 'name', max: 100 } }]);
  });

  it('names the entity of a 404 in Chinese', () => {
    const sut = localizeProblem(toProblem(new NotFoundError('School', 'x'), instance, requestId), 'zh-CN');
    expect(sut).toMatchObject({ title: '未找到', detail: '未找到学校，或您无权查看', code: 'not-found', params: { entity: 'School' } });
  });

  it("falls back to the kind's sentence for an uncatalogued English detail, never showing English to a zh-CN caller", () => {
    const sut = localizeProblem(toProblem(new DomainError('conflict', 'Conflict', 'Only a draft exam can be changed; this one is open'), instance, requestId), 'zh-CN');
    expect(sut.detail).toBe('操作与数据的当前状态冲突');
    expect(hasLatinSentence(`${sut.title} ${sut.detail ?? ''}`)).toBe(false);
  });

  it('keeps a field message it cannot render rather than losing it', () => {
    const sut = localizeProblem(toProblem(ValidationError.field('file', 'The sheet has no data rows'), instance, requestId), 'zh-CN');
    expect(sut.errors[0]?.message).toBe('The sheet has no data rows');
  });

  it('answers an unknown route with its own code', () => {
    const problem = toProblem(new NotFoundException('Cannot GET /api/v1/nope'), '/api/v1/nope', requestId);
    expect(problem).toMatchObject({ code: 'http.route-not-found', params: { method: 'GET', path: '/api/v1/nope' } });
    expect(localizeProblem(problem, 'zh-CN').detail).toBe('不存在的接口：GET /api/v1/nope');
  });

  it('says how long to wait after a rate limit, in Chinese', () => {
    const error = Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429, retryAfterSeconds: 42 });
    expect(localizeProblem(toProblem(error, instance, requestId), 'zh-CN')).toMatchObject({
      status: 429, code: 'rate-limited', params: { retryAfter: 42 }, title: '请求过于频繁', detail: '请求过于频繁，请 42 秒后再试',
    });
  });

  it.each([[413, 'FST_ERR_CTP_BODY_TOO_LARGE', '请求体过大', '请求体超过了大小限制'], [415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', '不支持的内容类型', '不支持的内容类型']])(
    'titles an HTTP %i without a kind in Chinese too', (status, code, title, detail) => {
      const error = Object.assign(new Error('Request body is too large'), { statusCode: status, code });
      expect(localizeProblem(toProblem(error, instance, requestId), 'zh-CN')).toMatchObject({ status, title, detail });
    },
  );

  it('answers a 500 in Chinese without internals', () => {
    const sut = localizeProblem(toProblem(new Error('SELECT * FROM secret'), instance, requestId), 'zh-CN');
    expect(sut).toMatchObject({ status: 500, code: 'internal', title: '服务器内部错误', detail: '服务器发生意外错误；反馈问题时请提供请求编号' });
  });
});
