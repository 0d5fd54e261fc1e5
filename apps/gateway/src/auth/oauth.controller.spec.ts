import { OAuthError } from '../common/errors/oauth-error.js';
import { basicCredentials, readTokenRequest } from './oauth.controller.js';

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const oauthErrorOf = (body: unknown, authorization?: string): string => {
  try {
    readTokenRequest(body, authorization);
    return 'accepted';
  } catch (error) {
    return error instanceof OAuthError ? error.oauthError : 'other';
  }
};

describe(readTokenRequest.name, () => {
  it('reads credentials from HTTP Basic, decoding each part', () => {
    expect(readTokenRequest({ grant_type: 'client_credentials' }, basic('jlc_a+b', 'jls_x:y'))).toEqual({ clientId: 'jlc_a+b', clientSecret: 'jls_x:y' });
    expect(basicCredentials('Bearer abc')).toBeUndefined();
  });

  it('reads credentials and scopes from the body', () => {
    expect(readTokenRequest({ grant_type: 'client_credentials', client_id: 'jlc_a', client_secret: 'jls_b', scope: 'membership:read  exchange:read membership:read' }, undefined))
      .toEqual({ clientId: 'jlc_a', clientSecret: 'jls_b', scopes: ['membership:read', 'exchange:read'] });
    expect(readTokenRequest({ grant_type: 'client_credentials', client_id: 'jlc_a', client_secret: 'jls_b', scope: '' }, undefined))
      .toEqual({ clientId: 'jlc_a', clientSecret: 'jls_b' });
  });

  it.each([
    ['no body', undefined, undefined, 'invalid_request'],
    ['an array body', [], undefined, 'invalid_request'],
    ['no grant_type', { client_id: 'a', client_secret: 'b' }, undefined, 'invalid_request'],
    ['grant_type given twice (a form field repeated)', { grant_type: ['client_credentials', 'client_credentials'], client_id: 'a', client_secret: 'b' }, undefined, 'invalid_request'],
    ['the password grant', { grant_type: 'password', username: 'a', password: 'b' }, undefined, 'unsupported_grant_type'],
    ['no credentials', { grant_type: 'client_credentials' }, undefined, 'invalid_client'],
    ['a client id without its secret', { grant_type: 'client_credentials', client_id: 'a' }, undefined, 'invalid_client'],
    ['Basic and body credentials both', { grant_type: 'client_credentials', client_id: 'a', client_secret: 'b' }, basic('a', 'b'), 'invalid_request'],
    ['a Basic header without a colon', { grant_type: 'client_credentials' }, `Basic ${Buffer.from('abc').toString('base64')}`, 'invalid_client'],
    ['an unknown scope', { grant_type: 'client_credentials', client_id: 'a', client_secret: 'b', scope: 'membership:read admin' }, undefined, 'invalid_scope'],
    ['a number as secret', { grant_type: 'client_credentials', client_id: 'a', client_secret: 5 }, undefined, 'invalid_request'],
  ])('refuses %s', (_, body, authorization, expected) => {
    expect(oauthErrorOf(body, authorization)).toBe(expected);
  });
});
