import { buildMessage, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Optional in a change (PATCH): the property may be left out, but null is refused because the column
 * it changes is required. class-validator's @IsOptional() would let null through to the database.
 */
export const OptionalNotNull = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);

/**
 * A human-readable text that must say something: not empty and not only whitespace (spaces, tabs,
 * the ideographic space U+3000 of Chinese input methods). The value is checked, not trimmed.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value: unknown): boolean => typeof value === 'string' && value.trim().length > 0,
      defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property must not be empty or only spaces`, options),
    },
  }, options);
}
