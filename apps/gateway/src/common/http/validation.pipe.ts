import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { createValidationPipe } from '@jiaolian/service-kit';

/**
 * The kit's validation, minus the work for the most common request of all: a list with no query
 * string. Every list query field is optional, and the service validates its payload again anyway.
 */
@Injectable()
export class GatewayValidationPipe implements PipeTransform {
  private readonly inner = createValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'query' && isEmptyObject(value)) return {};
    return this.inner.transform(value, metadata);
  }
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}
