import type { FastifyInstance } from 'fastify';

/** How much of a refused body the gateway reads and discards before it answers (beyond it, it answers and closes). */
export const REFUSED_BODY_DRAIN_BYTES = 16 * 1024 * 1024;
/** How long the gateway waits for a refused body to arrive before it answers anyway. */
export const REFUSED_BODY_DRAIN_MS = 10_000;

/**
 * Lingering close for refused bodies. Fastify answers a body it refuses (413 too large, 400 unparsable)
 * with `connection: close` before it has read the body; the socket then closes with unread bytes in it,
 * the kernel resets the connection, and a client that is still sending sees "fetch failed" (EPIPE or
 * ECONNRESET) instead of the answer. This hook reads and discards the rest of such a body first, up to
 * `maxBytes` and `maxMs`, so that the client finishes sending and reads the problem+json.
 */
export function lingerOnRefusedBodies(fastify: FastifyInstance, maxBytes = REFUSED_BODY_DRAIN_BYTES, maxMs = REFUSED_BODY_DRAIN_MS): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    const closing = String(reply.getHeader('connection') ?? '').toLowerCase() === 'close';
    const declared = Number(request.headers['content-length']);
    if (!closing || raw.complete || raw.readableEnded || raw.destroyed || (Number.isFinite(declared) && declared > maxBytes)) {
      done(null, payload);
      return;
    }
    let drained = 0;
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      done(null, payload);
    };
    const onData = (chunk: Buffer | string): void => {
      drained += chunk.length;
      if (drained > maxBytes) finish();
    };
    const timer = setTimeout(finish, maxMs);
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('error', finish);
    raw.once('close', finish);
    raw.resume();
  });
}
