import type { FieldError, MessageParams } from '@jiaolian/contracts';
import { ValidationPipe, type ValidationError as ClassValidationError } from '@nestjs/common';
import { ValidationError } from './domain-error.js';

interface ConstraintMetadata {
  name?: string;
  type: string;
  propertyName: string;
  constraints?: unknown[];
}

interface MetadataStorageLike {
  getTargetValidationMetadatas(target: object, schema: string, always: boolean, strictGroups: boolean): ConstraintMetadata[];
}

/**
 * class-validator keeps the decorators' arguments (the 100 of `@MaxLength(100)`) in its metadata
 * storage, which it does not export but keeps on the global object under this documented-in-source
 * name; without it, a field error still has its code, only without the numbers.
 */
function constraintArgs(target: object | undefined, property: string, constraint: string): unknown[] | undefined {
  const storage = (globalThis as { classValidatorMetadataStorage?: MetadataStorageLike }).classValidatorMetadataStorage;
  const constructor = target?.constructor;
  if (!storage || typeof constructor !== 'function' || constructor === Object) return undefined;
  try {
    const found = storage.getTargetValidationMetadatas(constructor, '', true, false)
      .find((m) => m.propertyName === property && (m.name ?? m.type) === constraint);
    return found?.constraints;
  } catch {
    return undefined;
  }
}

const listOf = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value && typeof value === 'object') return Object.values(value).map(String).join(', ');
  return String(value);
};

/** What each constraint's arguments mean, as message parameters. */
const PARAMS: Record<string, (args: unknown[]) => MessageParams> = {
  maxLength: ([max]) => ({ max: Number(max) }),
  minLength: ([min]) => ({ min: Number(min) }),
  max: ([max]) => ({ max: Number(max) }),
  min: ([min]) => ({ min: Number(min) }),
  arrayMaxSize: ([max]) => ({ max: Number(max) }),
  arrayMinSize: ([min]) => ({ min: Number(min) }),
  isIn: ([values]) => ({ values: listOf(values) }),
  isEnum: ([values]) => ({ values: listOf(values) }),
};

/** The code and parameters of one failed constraint: `field.<constraint>` with what the decorator said. */
export function constraintCode(error: Pick<ClassValidationError, 'target' | 'property'>, constraint: string, field: string): { code: string; params: MessageParams } {
  const params: MessageParams = { field };
  const toParams = Object.hasOwn(PARAMS, constraint) ? PARAMS[constraint] : undefined;
  const args = toParams ? constraintArgs(error.target, error.property, constraint) : undefined;
  if (toParams && args) Object.assign(params, toParams(args));
  return { code: `field.${constraint}`, params };
}

/** Flattens class-validator's tree into `field: message` pairs with dotted paths, each with its code. */
export function flattenValidationErrors(errors: ClassValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const unknownField = constraint === 'whitelistValidation';
      out.push({ field, message: unknownField ? `${field} is not an accepted field` : message, ...constraintCode(error, constraint, field) });
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
    // the target lets a field error name the decorator's arguments (the 64 of @MaxLength(64));
    // only the flattened field errors leave this process, never the target
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ValidationError(flattenValidationErrors(errors)),
  });
}
