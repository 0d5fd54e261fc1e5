import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Observable, tap } from 'rxjs';
import { REQUEST_ID_HEADER } from '../context/caller-tokens.js';
import { KitMetrics } from '../health/metrics.js';
import { logContext } from '../logging/logger.js';

/** Times every NATS request and runs its handler with the request id in the log context. */
@Injectable()
export class RpcInterceptor implements NestInterceptor {
  constructor(private readonly metrics: KitMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext>();
    const subject = nats.getSubject();
    const requestId = nats.getHeaders()?.get(REQUEST_ID_HEADER) || randomUUID();
    const end = this.metrics.rpcDuration.startTimer({ subject });
    return new Observable((subscriber) =>
      logContext.run({ requestId }, () =>
        next.handle().pipe(tap({ next: () => end({ outcome: 'ok' }), error: () => end({ outcome: 'error' }) })).subscribe(subscriber),
      ),
    );
  }
}
