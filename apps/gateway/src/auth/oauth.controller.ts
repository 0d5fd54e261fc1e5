import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  API_SCOPES, ClientTokenView, MembershipSubjects, parseScopeParam, type IssueClientTokenRequest,
} from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';
import type { FastifyReply } from 'fastify';
import { Call, Public, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { OAuthError } from '../common/errors/oauth-error.js';
import { loginRateLimit } from '../common/http/rate-limit.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

export const TOKEN_PATH = 'oauth/token';
const MAX_FIELD = 200;

type Fields = Record<string, unknown>;

/** One request parameter: absent, or a string given once (RFC 6749 §3.1: parameters must not repeat). */
function field(body: Fields, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > MAX_FIELD) throw new OAuthError('invalid_request', 'validation-failed', 'gateway.oauth.invalid-request', { reason: name });
  return value;
}

/**
 * Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1: each part form-urlencoded, then
 * base64); undefined when the header is absent or of another scheme.
 */
export function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  if (!header || header.slice(0, 6).toLowerCase() !== 'basic ') return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw new OAuthError('invalid_client', 'unauthenticated', 'membership.oauth.invalid-client');
  try {
    const plus = (part: string): string => decodeURIComponent(part.replace(/\+/g, ' '));
    return { clientId: plus(decoded.slice(0, colon)), clientSecret: plus(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError('invalid_client', 'unauthenticated', 'membership.oauth.invalid-client');
  }
}

/** Reads a token request into what membership checks, or throws the OAuth error RFC 6749 §5.2 names. */
export function readTokenRequest(body: unknown, authorization: string | undefined): IssueClientTokenRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OAuthError('invalid_request', 'validation-failed', 'gateway.oauth.invalid-request', { reason: 'body' });
  }
  const fields = body as Fields;
  const grantType = field(fields, 'grant_type');
  if (grantType === undefined) throw new OAuthError('invalid_request', 'validation-failed', 'gateway.oauth.invalid-request', { reason: 'grant_type' });
  if (grantType !== 'client_credentials') {
    throw new OAuthError('unsupported_grant_type', 'validation-failed', 'gateway.oauth.unsupported-grant-type', { field: 'grant_type', grantType: 'client_credentials' });
  }
  const basic = basicCredentials(authorization);
  const bodyId = field(fields, 'client_id');
  const bodySecret = field(fields, 'client_secret');
  // RFC 6749 §2.3: a client uses one authentication method per request
  if (basic && (bodyId !== undefined || bodySecret !== undefined)) {
    throw new OAuthError('invalid_request', 'validation-failed', 'gateway.oauth.invalid-request', { reason: 'client_id' });
  }
  const credentials = basic ?? (bodyId && bodySecret ? { clientId: bodyId, clientSecret: bodySecret } : undefined);
  if (!credentials) {
    throw new OAuthError('invalid_client', 'unauthenticated', 'gateway.oauth.client-missing', { basic: 'HTTP Basic', fields: 'client_id, client_secret' });
  }
  const scopeParam = field(fields, 'scope');
  const scopes = scopeParam === undefined ? [] : parseScopeParam(scopeParam);
  if (!scopes) throw new OAuthError('invalid_scope', 'validation-failed', 'gateway.oauth.invalid-scope', { field: 'scope' });
  return { ...credentials, ...(scopes.length > 0 ? { scopes } : {}) };
}

@ApiTags('auth')
@Controller()
export class OAuthController {
  constructor(private readonly bus: GatewayBus) {}

  @Post(TOKEN_PATH)
  @Public()
  @RouteConfig({ rateLimit: loginRateLimit() })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiHeader({ name: 'Authorization', required: false, description: 'HTTP Basic with client_id and client_secret (or send them in the body)' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        client_id: { type: 'string', description: 'When not sent with HTTP Basic' },
        client_secret: { type: 'string', format: 'password', description: 'When not sent with HTTP Basic' },
        scope: { type: 'string', description: `Space-separated subset of the client's scopes: ${API_SCOPES.join(', ')}` },
      },
    },
  })
  @ApiRoute({
    summary: 'OAuth2 client credentials grant (RFC 6749 §4.4): an access token for an API client',
    description: 'Errors are problem+json that also carry RFC 6749 `error` (invalid_request, invalid_client, invalid_scope, unsupported_grant_type). '
      + 'Tokens live 10 minutes; revoking the client ends them at once.',
    view: ClientTokenView, problems: [401],
  })
  async token(
    @Body() body: unknown, @Headers('authorization') authorization: string | undefined, @Call() call: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClientTokenView> {
    const request = readTokenRequest(body, authorization);
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    try {
      return await this.bus.request<ClientTokenView>(call, MembershipSubjects.oauthToken, request);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'membership.oauth.invalid-client') {
        throw new OAuthError('invalid_client', 'unauthenticated', 'membership.oauth.invalid-client');
      }
      if (error instanceof DomainError && error.code === 'membership.oauth.invalid-scope') {
        throw new OAuthError('invalid_scope', 'validation-failed', 'membership.oauth.invalid-scope', error.params);
      }
      throw error;
    }
  }
}
