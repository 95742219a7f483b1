import type { RuleSchema } from '@/common/decorators/rule-schema';

/** Any character, in both regex dialects the document is read with (ECMA-262 and Python `re`). */
const ANY = '[\\s\\S]';

/**
 * One `pattern` for every character rule on a property: the characters all of them allow, and
 * each character some rule requires at least once. JSON Schema allows one pattern per schema, so
 * rules combine here rather than overwrite each other.
 */
export function combinedPattern(rules: readonly RuleSchema[]): string | undefined {
  const refused = rules.map((rule) => rule.refusedCharacters ?? '').join('');
  const required = rules.flatMap((rule) =>
    rule.requiredCharacter ? [rule.requiredCharacter] : [],
  );
  const whole = rules.flatMap((rule) => (rule.pattern ? [rule.pattern] : []));
  if (!refused && required.length === 0 && whole.length === 0) return undefined;
  const allowed = refused ? `[^${refused}]` : ANY;
  const needs = required.map((characters) => allowedAndIn(characters, refused));
  const lookaheads = whole.map((pattern) => `(?=${ANY}*?(?:${pattern}))`);
  if (needs.length === 1 && lookaheads.length === 0) {
    return `^${allowed}*${needs[0]}${allowed}*$`;
  }
  const found = needs.map((need) => `(?=${allowed}*${need})`);
  if (!refused && found.length === 0 && whole.length === 1) return whole[0];
  return `^${[...lookaheads, ...found].join('')}${allowed}*$`;
}

/** A character of `characters` (a bracketed class) that no rule refuses. */
function allowedAndIn(characters: string, refused: string): string {
  if (!/^\[.*\]$/s.test(characters)) {
    throw new Error(`A required character must be a bracketed class, not ${characters}`);
  }
  if (!refused) return characters;
  // [^A] and not [B] is [^AB]; [X] and not [B] needs a lookahead.
  if (characters.startsWith('[^')) return `[^${characters.slice(2, -1)}${refused}]`;
  return `(?![${refused}])${characters}`;
}
