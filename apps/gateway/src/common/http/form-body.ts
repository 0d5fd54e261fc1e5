import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { pathOf } from '../errors/problem.filter.js';

/**
 * Parses `application/x-www-form-urlencoded` bodies, which OAuth2 libraries send to the token endpoint
 * (RFC 6749 §4.4.2), for the given paths only: every other route takes JSON and answers 415 to a form.
 * A field given twice is refused by the route (RFC 6749 §3.1), so repeats are kept as arrays.
 */
export function useFormBodyParser(app: NestFastifyApplication, bodyLimit: number, paths: readonly string[]): void {
  app.useBodyParser<RawServerDefault>('application/x-www-form-urlencoded', { bodyLimit }, (request, body, done) => {
    if (!paths.includes(pathOf(request.url))) {
      // the same error fastify raises for a content type it has no parser for
      done(Object.assign(new Error('Unsupported Media Type: application/x-www-form-urlencoded'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
      return;
    }
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
      const seen = fields[name];
      fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    done(null, fields);
  });
}
