import type { Caller } from '@jiaolian/contracts';
import type { HeldKey } from '../idempotency/idempotency.interceptor.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the verified access token, forwarded to the services as the caller */
    callerToken: string | undefined;
    caller: Omit<Caller, 'requestId'> | undefined;
    /** the Idempotency-Key this request holds while it runs */
    idempotency: HeldKey | undefined;
    /** what identifies the file an upload route received (see uploadFingerprint) */
    uploadFingerprint: string | undefined;
  }
}

export {};
