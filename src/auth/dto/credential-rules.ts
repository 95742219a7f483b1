import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsString,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { describeRule } from '@/common/decorators/rule-schema';
import { normalisePhoneNumber } from '@/users/user-identity';
import { isCommonPassword } from './common-passwords';

const trimmed = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export const PASSWORD_MAX = 128;

/** An email address, trimmed; 254 characters at most (RFC 5321). */
export const IsEmailAddress = (): PropertyDecorator =>
  applyDecorators(
    trimmed,
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: '$property must be a valid email address' }),
  );

/** A valid phone number written in E.164 (`+` country code and number, no spaces). */
export const IsE164PhoneNumber = (): PropertyDecorator =>
  applyDecorators(
    trimmed,
    IsString(),
    ValidateBy({
      // The shape only: whether the number exists in its country's plan is libphonenumber's call.
      name: describeRule('isE164PhoneNumber', { pattern: '^\\+[1-9][0-9]{1,14}$' }),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && normalisePhoneNumber(value) !== undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'phone_number'} must be a valid phone number in E.164 format, e.g. +14155552671`,
      },
    }),
  );

/** One password rule; each has its own name, so a 400 lists every rule broken (not just one). */
const mustContain = (name: string, characters: string, what: string): PropertyDecorator => {
  const pattern = new RegExp(characters);
  return ValidateBy({
    name: describeRule(name, { requiredCharacter: characters }),
    validator: {
      validate: (value: unknown) => typeof value === 'string' && pattern.test(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'password'} must contain ${what}`,
    },
  });
};

/** Not one of the most common passwords, in any letter case (OWASP ASVS 5.0, NIST 800-63B). */
const IsNotCommonPassword = (): PropertyDecorator =>
  ValidateBy({
    // A list no pattern can hold: the schema says it in the field's description instead.
    name: describeRule('passwordNotCommon', {}),
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !isCommonPassword(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'password'} is one of the most commonly used passwords (found in ` +
        'lists of leaked passwords that attackers try first); choose another',
    },
  });

/**
 * The password policy: 8+ characters with an upper-case letter, a lower-case letter and a digit;
 * and not one of the most common passwords.
 */
export const IsStrongPassword = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    MinLength(8, { message: '$property must be at least 8 characters long' }),
    MaxLength(PASSWORD_MAX, {
      message: `$property must be at most ${PASSWORD_MAX} characters long`,
    }),
    mustContain('passwordHasUpperCase', '[A-Z]', 'an upper-case letter'),
    mustContain('passwordHasLowerCase', '[a-z]', 'a lower-case letter'),
    mustContain('passwordHasDigit', '[0-9]', 'a digit'),
    IsNotCommonPassword(),
  );

/** A password being checked, not chosen: any non-empty string (old accounts predate the policy). */
export const IsPasswordAttempt = (): PropertyDecorator =>
  applyDecorators(IsString(), MinLength(1), MaxLength(PASSWORD_MAX));
