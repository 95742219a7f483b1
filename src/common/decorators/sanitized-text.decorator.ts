import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidationArguments } from 'class-validator';
import { describeRule } from './rule-schema';

/**
 * What a user writes is stored and returned exactly as sent: markup, `<`, `>`, quotes, emoji and
 * line breaks are the user's, and escaping them is the renderer's job. Validation refuses what
 * cannot be stored faithfully and never rewrites. Every check is one pass over the characters
 * (no regular expression), so a hostile megabyte costs a millisecond, not minutes.
 */

/** Where `text` first breaks the rule, or undefined when it is acceptable. */
export type CharacterCheck = (text: string) => string | undefined;

/**
 * Text (ideas, answers, messages, markdown): anything but the control characters that break
 * storage or display — C0 controls other than tab, line feed and carriage return, DEL — and
 * unpaired UTF-16 surrogates (they cannot be encoded as UTF-8, so they would not come back).
 */
export const unstorableCharacter: CharacterCheck = (text) => firstProblem(text, false);

/** Names (of people, projects; one-line labels): no control character at all, not even a newline. */
export const unfitNameCharacter: CharacterCheck = (text) => firstProblem(text, true);

function firstProblem(text: string, singleLine: boolean): string | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
      return `an unpaired UTF-16 surrogate at character ${index + 1}`;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      return `an unpaired UTF-16 surrogate at character ${index + 1}`;
    }
    const allowedWhitespace = !singleLine && (code === 0x09 || code === 0x0a || code === 0x0d);
    const control = code < 0x20 || code === 0x7f || (singleLine && code >= 0x80 && code <= 0x9f);
    if (control && !allowedWhitespace) {
      return `the control character ${codePoint(code)} at character ${index + 1}`;
    }
  }
  return undefined;
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const characterRule = (name: string, check: CharacterCheck, allowed: string): PropertyDecorator =>
  ValidateBy({
    name,
    validator: {
      // Non-strings are @IsString()'s to report.
      validate: (value: unknown) => typeof value !== 'string' || check(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => {
        const problem = typeof args?.value === 'string' ? check(args.value) : undefined;
        return `${args?.property ?? 'value'} must not contain ${problem ?? 'control characters'} (${allowed})`;
      },
    },
  });

// The same rules as character classes, for the OpenAPI document (a spec checks they agree).
const STORABLE_TEXT = describeRule('storableText', {
  refusedCharacters: '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F',
});
const NAME_TEXT = describeRule('nameText', { refusedCharacters: '\\x00-\\x1F\\x7F-\\x9F' });

/** Free text kept byte for byte; tab, newline and carriage return are welcome. */
export function VerbatimText(): PropertyDecorator {
  return characterRule(
    STORABLE_TEXT,
    unstorableCharacter,
    'tab, newline and carriage return are the only control characters allowed',
  );
}

/** A name or a one-line label, kept as sent: no control characters (no line breaks), not blank. */
export function VerbatimName(): PropertyDecorator {
  return applyDecorators(
    characterRule(NAME_TEXT, unfitNameCharacter, 'a name is one line of text'),
    NotBlank(),
  );
}

/** At least one character that is not whitespace (an empty string is @MinLength()'s to report). */
export function NotBlank(): PropertyDecorator {
  return ValidateBy({
    name: NOT_BLANK,
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || value === '' || hasNonWhitespace(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'value'} must not be blank`,
    },
  });
}

function hasNonWhitespace(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (!WHITESPACE.has(text.charCodeAt(index))) return true;
  }
  return false;
}

// What String.prototype.trim() removes, so "blank" means what a trim would leave empty.
const WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

const NOT_BLANK = describeRule('notBlank', {
  requiredCharacter: `[^${[...WHITESPACE].map(escapedCodeUnit).join('')}]`,
});

function escapedCodeUnit(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
