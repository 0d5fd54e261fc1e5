import { Catch, HttpException, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { DomainErrorBody } from '@jiaolian/contracts';
import { throwError, type Observable } from 'rxjs';
import { isDatabaseUnavailable } from './database-errors.js';
import { DomainError } from './domain-error.js';

/**
 * Turns whatever a NATS handler throws into a DomainErrorBody, the only error shape on the bus.
 * A database that cannot be reached answers `unavailable` (503); other unknown errors are logged
 * here and answered as `internal`, without leaking their message.
 */
@Catch()
export class DomainRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcError');

  catch(exception: unknown, _host: ArgumentsHost): Observable<DomainErrorBody> {
    return throwError(() => toErrorBody(exception, this.logger));
  }
}

export function toErrorBody(exception: unknown, logger?: Logger): DomainErrorBody {
  if (exception instanceof DomainError) return exception.toBody();
  if (exception instanceof HttpException && exception.getStatus() === 400) {
    return { kind: 'validation-failed', title: 'Validation failed', detail: exception.message };
  }
  const pgCode = (exception as { code?: unknown })?.code;
  if (pgCode === '23505') return { kind: 'conflict', title: 'Conflict', detail: 'A record with the same unique value already exists' };
  if (pgCode === '23P01') return { kind: 'conflict', title: 'Conflict', detail: 'The change overlaps an existing record' };
  if (isDatabaseUnavailable(exception)) {
    logger?.warn(`the database is unreachable: ${(exception as Error).message}`);
    return DomainError.coded('unavailable', 'database.unavailable').toBody();
  }
  logger?.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
  return { kind: 'internal', title: 'Internal error', detail: 'The service failed to handle the request; it has been logged' };
}
