import type { FieldError } from '@jiaolian/contracts';
import { ValidationPipe, type ValidationError as ClassValidationError } from '@nestjs/common';
import { ValidationError } from './domain-error.js';

/** Flattens class-validator's tree into `field: message` pairs with dotted paths. */
export function flattenValidationErrors(errors: ClassValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message: error.constraints && 'whitelistValidation' in error.constraints ? `${field} is not an accepted field` : message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** The validation every entry point uses: unknown fields rejected, types transformed, errors name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new ValidationError(flattenValidationErrors(errors)),
  });
}
