import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The most common passwords of public breach corpora, as zxcvbn-ts ships and maintains them
 * (about 49,000, most frequent first), lower-cased: a password is refused whatever its letter
 * case. Loaded on first use, then one Set lookup per check.
 */
let commonPasswords: ReadonlySet<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    (dictionary['passwords-common'] as readonly (string | number)[]).map((entry) =>
      String(entry).toLowerCase(),
    ),
  );
  return commonPasswords.has(password.toLowerCase());
}
