import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when sent it is validated, so `null` is refused rather than
 * silently read as "absent" (which @IsOptional() would do).
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
