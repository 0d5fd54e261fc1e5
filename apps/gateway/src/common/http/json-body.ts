import { DomainError } from '@jiaolian/service-kit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/** No request of the API nests deeper than a few levels; 32 leaves room and stops stack-deep documents. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether a JSON text nests arrays and objects deeper than `limit`: one pass over the text that skips
 * strings (brackets inside them do not count) and stops at the first level too deep. It does not check
 * that the text is JSON; the parser does that afterwards.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i += 1; i < text.length; i += 1) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i += 1;
        else if (s === QUOTE) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Registers the JSON body parser through Nest (which otherwise registers its own at start-up): Fastify's
 * own JSON parser behind a nesting check, so that a document nested thousands of levels deep is refused
 * with a 400 before it is parsed, transformed and validated (each of which recurses once per level).
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number, maxDepth = MAX_JSON_DEPTH): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonDepthExceeds(text, maxDepth)) {
      done(DomainError.coded('validation-failed', 'http.json-too-deep', { max: maxDepth }), undefined);
      return;
    }
    void parse(request, text, done);
  });
}
