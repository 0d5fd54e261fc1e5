import { jest } from '@jest/globals';
import { ApiProblem, createApiClient, memoryTokenStore, unwrap } from './index.js';

type Handler = (request: Request) => Response | Promise<Response>;

const json = (status: number, body: unknown, type = 'application/json'): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

function fakeGateway(handler: Handler) {
  const seen: { method: string; path: string; auth: string | null; body: string }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : '';
    seen.push({ method: request.method, path: new URL(request.url).pathname, auth: request.headers.get('authorization'), body });
    return handler(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const me = { id: 'u1', username: 'district.admin', displayName: '张主任', districtId: 'd1', assignments: [] };

describe('createApiClient', () => {
  it('sends the bearer token and returns typed data', async () => {
    const gw = fakeGateway(() => json(200, me));
    const sut = createApiClient({ baseUrl: 'http://gw', fetch: gw.fetch, tokens: memoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' }) });

    const result = await unwrap(sut.http.GET('/api/v1/me'));

    expect(result.username).toBe('district.admin');
    expect(gw.seen).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v1/me', auth: 'Bearer a1' })]);
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    let refreshes = 0;
    const gw = fakeGateway(async (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/refresh') {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 10));
        return json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900, tokenType: 'Bearer', user: me });
      }
      return request.headers.get('authorization') === 'Bearer a2' ? json(200, me) : json(401, { type: 'urn:jiaolian:problem:unauthenticated', title: 'Unauthenticated', status: 401 });
    });
    const tokens = memoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' });
    const sut = createApiClient({ baseUrl: 'http://gw', fetch: gw.fetch, tokens });

    const results = await Promise.all([unwrap(sut.http.GET('/api/v1/me')), unwrap(sut.http.GET('/api/v1/me')), unwrap(sut.http.GET('/api/v1/me'))]);

    expect(results.map((r) => r.id)).toEqual(['u1', 'u1', 'u1']);
    expect(refreshes).toBe(1);
    expect(gw.seen.find((s) => s.path === '/api/v1/auth/refresh')?.body).toBe(JSON.stringify({ refreshToken: 'r1' }));
    expect(tokens.get()).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
  });

  it('retries a POST with its original body after refreshing', async () => {
    const gw = fakeGateway((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/refresh') return json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900, tokenType: 'Bearer', user: me });
      if (request.headers.get('authorization') !== 'Bearer a2') return json(401, { title: 'Unauthenticated', status: 401, type: 'x' });
      return json(201, { id: 'c1', name: '东校区', address: null });
    });
    const sut = createApiClient({ baseUrl: 'http://gw', fetch: gw.fetch, tokens: memoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' }) });

    const campus = await unwrap(sut.http.POST('/api/v1/schools/{id}/campuses', { params: { path: { id: 's1' } }, body: { name: '东校区' } }));

    expect(campus.id).toBe('c1');
    const posts = gw.seen.filter((s) => s.path === '/api/v1/schools/s1/campuses');
    expect(posts.map((p) => p.body)).toEqual([JSON.stringify({ name: '东校区' }), JSON.stringify({ name: '东校区' })]);
  });

  it('forgets the tokens and reports an expired session when the refresh token is rejected', async () => {
    const gw = fakeGateway(() => json(401, { type: 'urn:jiaolian:problem:unauthenticated', title: 'Unauthenticated', status: 401 }));
    const tokens = memoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' });
    const onSessionExpired = jest.fn<() => void>();
    const sut = createApiClient({ baseUrl: 'http://gw', fetch: gw.fetch, tokens, onSessionExpired });

    await expect(unwrap(sut.http.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });

    expect(tokens.get()).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(gw.seen.filter((s) => s.path === '/api/v1/me')).toHaveLength(1);
  });

  it('does not refresh when login itself answers 401', async () => {
    const gw = fakeGateway(() => json(401, { type: 'urn:jiaolian:problem:unauthenticated', title: 'Wrong username or password', status: 401 }, 'application/problem+json'));
    const sut = createApiClient({ baseUrl: 'http://gw', fetch: gw.fetch, tokens: memoryTokenStore({ accessToken: 'old', refreshToken: 'r-old' }) });

    await expect(sut.login('x', 'y')).rejects.toBeInstanceOf(ApiProblem);

    expect(gw.seen.map((s) => s.path)).toEqual(['/api/v1/auth/login']);
  });

  it('surfaces problem+json with field errors as an ApiProblem', async () => {
    const gw = fakeGateway(() =>
      json(400, {
        type: 'urn:jiaolian:problem:validation-failed', title: 'Validation failed', status: 400, detail: 'code is invalid', requestId: 'req-1',
        errors: [{ field: 'code', message: 'code must be the 10-digit national school code' }, { field: 'code', message: 'second' }],
      }, 'application/problem+json'),
    );
    const sut = createApiClient({ baseUrl: 'http://gw', fetch: gw.fetch });

    const error = await unwrap(sut.http.POST('/api/v1/schools', {
      body: { districtId: 'd1', code: '1', name: 'x', stage: 'primary', locale: 'village', township: 't', studentCount: 1, teacherCount: 1, classCount: 1 },
    })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    const problem = error as ApiProblem;
    expect(problem.kind).toBe('validation-failed');
    expect(problem.requestId).toBe('req-1');
    expect(problem.fieldErrors).toEqual({ code: ['code must be the 10-digit national school code', 'second'] });
  });

  it('turns a non-problem failure and a network failure into ApiProblems', async () => {
    const html = createApiClient({ baseUrl: 'http://gw', fetch: fakeGateway(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })).fetch });
    const down = createApiClient({ baseUrl: 'http://gw', fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof globalThis.fetch });

    await expect(unwrap(html.http.GET('/api/v1/me'))).rejects.toMatchObject({ status: 502, title: 'Bad Gateway', errors: [] });
    await expect(unwrap(down.http.GET('/api/v1/me'))).rejects.toMatchObject({ status: 0, kind: 'network' });
  });
});
