import { CallerTokens } from '@jiaolian/service-kit';
import type { FastifyRequest } from 'fastify';
import { rateLimitKey, rateLimitMax } from './rate-limit.js';

const SECRET = 'unit-test-secret-0123456789-0123456789';

describe(rateLimitMax.name, () => {
  const tokens = new CallerTokens(SECRET);
  const request = (token?: string): FastifyRequest => ({ headers: { authorization: token ? `Bearer ${token}` : undefined }, ip: '10.0.0.8' }) as unknown as FastifyRequest;
  const max = rateLimitMax(tokens, 1200, 60_000);

  it("gives an API client its own limit, scaled to the window, and everyone else the deployment's", async () => {
    const client = await tokens.sign({ kind: 'client', id: 'c1', assignments: [], scopes: ['membership:read'], rateLimitPerMinute: 30 }, 60);
    const user = await tokens.sign({ kind: 'user', id: 'u1', assignments: [] }, 60);
    const clientKey = await rateLimitKey(tokens)(request(client));
    expect(clientKey).toBe('client:c1');
    expect(await max(request(client), clientKey)).toBe(30);
    expect(await rateLimitMax(tokens, 1200, 10_000)(request(client), clientKey)).toBe(5);
    expect(await max(request(user), await rateLimitKey(tokens)(request(user)))).toBe(1200);
    expect(await max(request(), 'address:10.0.0.8')).toBe(1200);
  });

  it("falls back to the deployment's limit for a client token without a limit", async () => {
    const client = await tokens.sign({ kind: 'client', id: 'c2', assignments: [], scopes: [] }, 60);
    expect(await max(request(client), 'client:c2')).toBe(1200);
  });
});
