import {
  canonicalJson, decide, uploadFingerprint, idempotencyKeyOf, isRemembered, keptHeaders, parseRecord, recordKey, requestFingerprint, type IdempotencyRecord,
} from './idempotency.rules.js';

describe('idempotencyKeyOf', () => {
  it.each([
    ['a UUID', '3f2b8c1e-6a4d-4f7b-9c1d-2e5f6a7b8c9d'],
    ['one character', 'x'],
    ['255 printable characters', 'k'.repeat(255)],
    ['spaces and punctuation inside', 'order 2026/12-07 #17'],
  ])('takes %s', (_, key) => {
    expect(idempotencyKeyOf(key)).toBe(key);
  });

  it.each([
    ['an empty value', ''],
    ['only spaces', '   '],
    ['256 characters', 'k'.repeat(256)],
    ['Chinese characters', '订单-17'],
    ['a control character', 'abc\tdef'],
    ['a DEL character', 'abc\x7f'],
  ])('refuses %s', (_, key) => {
    expect(idempotencyKeyOf(key)).toBe('invalid');
  });

  it('refuses two keys on one request and ignores a request without one', () => {
    expect(idempotencyKeyOf(['a', 'b'])).toBe('invalid');
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });
});

describe('requestFingerprint', () => {
  const body = { name: '稠城第一小学', code: '2133100000', counts: { students: 1800, teachers: 90 }, tags: ['a', 'b'] };

  it('is the same for the same body in another key order or spacing', () => {
    const reordered = JSON.parse('{ "tags": ["a","b"], "counts": {"teachers":90, "students":1800}, "code":"2133100000", "name":"稠城第一小学" }') as unknown;
    expect(requestFingerprint('POST', '/api/v1/schools', reordered)).toBe(requestFingerprint('post', '/api/v1/schools', body));
  });

  it.each([
    ['another method', 'PUT', '/api/v1/schools', body],
    ['another path', 'POST', '/api/v1/districts', body],
    ['another query', 'POST', '/api/v1/schools?dryRun=true', body],
    ['another value', 'POST', '/api/v1/schools', { ...body, code: '2133100001' }],
    ['a number as a string', 'POST', '/api/v1/schools', { ...body, counts: { students: '1800', teachers: 90 } }],
    ['another array order', 'POST', '/api/v1/schools', { ...body, tags: ['b', 'a'] }],
    ['one field fewer', 'POST', '/api/v1/schools', { name: body.name, code: body.code, counts: body.counts }],
    ['no body', 'POST', '/api/v1/schools', undefined],
  ])('differs for %s', (_, method, url, other) => {
    expect(requestFingerprint(method, url, other)).not.toBe(requestFingerprint('POST', '/api/v1/schools', body));
  });

  it('treats an absent property like a missing one, as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
  });
});

describe('uploadFingerprint', () => {
  const sha = 'a'.repeat(64);

  it('is the same for the same file, name and fields in any order', () => {
    expect(uploadFingerprint(sha, '教师.csv', { schoolId: 's1', mode: 'all' })).toBe(uploadFingerprint(sha, '教师.csv', { mode: 'all', schoolId: 's1' }));
  });

  it.each([
    ['another file', 'b'.repeat(64), '教师.csv', { schoolId: 's1', mode: 'all' }],
    ['another name', sha, '教师2.csv', { schoolId: 's1', mode: 'all' }],
    ['another field value', sha, '教师.csv', { schoolId: 's1', mode: 'valid' }],
    ['one field more', sha, '教师.csv', { schoolId: 's1', mode: 'all', dryRun: 'true' }],
  ])('differs for %s', (_, other, name, fields) => {
    expect(uploadFingerprint(other, name, fields)).not.toBe(uploadFingerprint(sha, '教师.csv', { schoolId: 's1', mode: 'all' }));
  });
});

describe('recordKey', () => {
  const kvKey = /^[-/_=.a-zA-Z0-9]+$/;

  it('keeps one caller\'s keys apart from another\'s, user or API client', () => {
    const user = recordKey({ kind: 'user', id: '6f1c2d3e-aaaa-4bbb-8ccc-123456789abc' }, 'retry-1');
    expect(recordKey({ kind: 'user', id: '7f1c2d3e-aaaa-4bbb-8ccc-123456789abc' }, 'retry-1')).not.toBe(user);
    expect(recordKey({ kind: 'client', id: '6f1c2d3e-aaaa-4bbb-8ccc-123456789abc' }, 'retry-1')).not.toBe(user);
    expect(recordKey({ kind: 'user', id: '6f1c2d3e-aaaa-4bbb-8ccc-123456789abc' }, 'retry-2')).not.toBe(user);
  });

  it('is a valid KV key whatever the caller id and key hold', () => {
    expect(recordKey({ kind: 'client', id: 'district:330782/平台' }, 'a key with spaces / and * > wildcards')).toMatch(kvKey);
  });
});

describe('decide', () => {
  const now = 1_765_000_000_000;
  const running: IdempotencyRecord = { state: 'running', fingerprint: 'f1', method: 'POST', path: '/api/v1/schools', startedAt: now - 1000, leaseUntil: now + 9_500 };
  const done: IdempotencyRecord = {
    state: 'done', fingerprint: 'f1', method: 'POST', path: '/api/v1/schools', completedAt: now - 500, answer: { status: 201, headers: {}, body: 'e30=' },
  };

  it('replays the answer of a finished request with the same fingerprint', () => {
    expect(decide(done, 'f1', now)).toEqual({ action: 'replay', answer: done.answer });
  });

  it('refuses another request under the same key, finished or running, naming the first', () => {
    expect(decide(done, 'f2', now)).toEqual({ action: 'mismatch', method: 'POST', path: '/api/v1/schools' });
    expect(decide(running, 'f2', now)).toEqual({ action: 'mismatch', method: 'POST', path: '/api/v1/schools' });
  });

  it('has a retry wait while the first request holds its lease, and take over once the lease has run out', () => {
    expect(decide(running, 'f1', now)).toEqual({ action: 'wait', retryAfterSeconds: 5 });
    expect(decide(running, 'f1', now + 8_000)).toEqual({ action: 'wait', retryAfterSeconds: 2 });
    expect(decide(running, 'f1', now + 9_500)).toEqual({ action: 'take-over' });
  });
});

describe('isRemembered', () => {
  it.each([200, 201, 204, 400, 404, 409, 422])('keeps a %i answer', (status) => {
    expect(isRemembered(status)).toBe(true);
  });

  it.each([408, 429, 500, 502, 503, 504])('releases the key on a %i answer', (status) => {
    expect(isRemembered(status)).toBe(false);
  });
});

describe('parseRecord and keptHeaders', () => {
  it('reads back what was written and nothing else', () => {
    const record: IdempotencyRecord = { state: 'running', fingerprint: 'f', method: 'POST', path: '/p', startedAt: 1, leaseUntil: 2 };
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
    expect(parseRecord('not json')).toBeUndefined();
    expect(parseRecord('{"state":"done","fingerprint":"f","method":"POST","path":"/p"}')).toBeUndefined();
  });

  it('keeps the headers that describe the answer, not those of the connection', () => {
    expect(keptHeaders({
      'content-type': 'application/json; charset=utf-8', location: '/api/v1/schools/1', 'content-length': 42, 'x-request-id': 'r1', 'x-ratelimit-remaining': 5,
    })).toEqual({ 'content-type': 'application/json; charset=utf-8', location: '/api/v1/schools/1' });
  });
});
