import { Transform } from 'class-transformer';

const INTEGER = /^-?[0-9]+$/;

/**
 * A query parameter read as an integer only when it is written as one: `?offset=20` is 20, while
 * `?offset=`, `?offset=%201` or `?offset=0x10` stay strings for @IsInt() to refuse (Number() would
 * have read them as 0, 1 and 16). Validation refuses; it never guesses.
 */
export const IntegerFromQuery = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && INTEGER.test(value) ? Number(value) : value,
  );
