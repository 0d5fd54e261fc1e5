import type { Caller } from '@jiaolian/contracts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the verified access token, forwarded to the services as the caller */
    callerToken: string | undefined;
    caller: Omit<Caller, 'requestId'> | undefined;
  }
}

export {};
