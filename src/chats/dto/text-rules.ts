import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';

// One linear pass each: no nested quantifiers, so a hostile megabyte is cheap.
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Refuses a string that matches `forbidden`; non-strings are left to @IsString(). */
function refusing(name: string, forbidden: RegExp, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !forbidden.test(value),
      defaultMessage: () => `$property ${message}`,
    },
  });
}

const notBlank = (): PropertyDecorator =>
  ValidateBy({
    name: 'notBlank',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || /\S/.test(value),
      defaultMessage: () => '$property must not be blank',
    },
  });

/**
 * Text kept exactly as sent (line breaks, `<`, `>`, emoji): refused, never rewritten, when it has
 * a control character other than tab and line breaks, or nothing but whitespace.
 */
export const VerbatimMessage = (): PropertyDecorator =>
  applyDecorators(
    refusing(
      'verbatimMessage',
      CONTROL_EXCEPT_LINES,
      'must not contain control characters other than tab and line breaks',
    ),
    notBlank(),
  );

/** A name: one line, kept as sent, not blank. */
export const VerbatimName = (): PropertyDecorator =>
  applyDecorators(
    refusing('verbatimName', CONTROL, 'must be one line without control characters'),
    notBlank(),
  );
