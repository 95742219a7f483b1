import {
  getMetadataStorage,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import { IsStrongPassword } from '@/auth/dto/credential-rules';
import { describeRule } from '@/common/decorators/rule-schema';
import { VerbatimName, VerbatimText } from '@/common/decorators/sanitized-text.decorator';
import { ValidateBy } from 'class-validator';
import { combinedPattern } from './rule-pattern';
import { portableClasses, PropertyRules, rulesOf } from './validation-schema';

class Name {
  @IsString()
  @VerbatimName()
  value!: string;
}

class Text {
  @IsString()
  @VerbatimText()
  value!: string;
}

class Password {
  @IsStrongPassword()
  value!: string;
}

class Page {
  @IsInt()
  @Min(1)
  @Max(100)
  value!: number;
}

function rulesFor(target: new () => object): PropertyRules {
  return rulesOf(getMetadataStorage().getTargetValidationMetadatas(target, '', true, false));
}

function accepted(target: new () => object, value: string): boolean {
  const instance = Object.assign(new target(), { value });
  return validateSync(instance).length === 0;
}

function documented(rules: PropertyRules, value: string): boolean {
  const length = value.length;
  return (
    new RegExp(rules.pattern ?? '').test(value) &&
    length >= (rules.minLength ?? 0) &&
    length <= (rules.maxLength ?? Infinity)
  );
}

// Non-empty: an empty string is @MinLength()'s to refuse where it is refused.
const SAMPLES = [
  'Ada',
  'a b',
  ' x ',
  '   ',
  '\u00a0\u3000',
  '\t',
  'line\nbreak',
  'carriage\rreturn',
  'tab\there',
  'bell\u0007',
  'nul\u0000',
  'del\u007f',
  'c1\u0085',
  '<b>&amp;</b>',
  'emoji 😀',
  '😀',
  '\ufeff',
  'Corr3ctHorse',
  'alllowercase1',
  'ALLUPPERCASE1',
  'NoDigitsHere',
  'Sh0rt',
  'Passw0rd\n',
];

describe('OpenAPI rules read from the validators', () => {
  it.each([
    ['a name', Name],
    ['free text', Text],
    ['a password', Password],
  ])('documents %s with a pattern that accepts exactly what the validator accepts', (_, target) => {
    const rules = rulesFor(target);
    expect(rules.pattern).toBeDefined();
    for (const sample of SAMPLES) {
      // Common passwords are a list no pattern holds; none of the samples is one.
      expect([sample, documented(rules, sample)]).toEqual([sample, accepted(target, sample)]);
    }
  });

  it('states integer bounds and requiredness', () => {
    expect(rulesFor(Page)).toEqual({ type: 'integer', minimum: 1, maximum: 100, required: true });
  });

  it('refuses to document a custom rule that never said what it means', () => {
    class Mystery {
      @ValidateBy({ name: 'mysteryRule', validator: { validate: () => true } })
      value!: string;
    }
    expect(() => rulesFor(Mystery)).toThrow(/mysteryRule/);
  });

  it('combines a @Matches pattern with a custom rule into one pattern both must hold', () => {
    describeRule('noZ', { refusedCharacters: 'Z' });
    class Both {
      @Matches(/^[A-Z]+$/)
      @ValidateBy({
        name: 'noZ',
        validator: { validate: (value: unknown) => !String(value).includes('Z') },
      })
      value!: string;
    }
    const pattern = new RegExp(rulesFor(Both).pattern!);
    expect(pattern.test('ABC')).toBe(true);
    expect(pattern.test('ABZ')).toBe(false);
    expect(pattern.test('abc')).toBe(false);
  });

  it('writes shorthand classes as ASCII ranges, which Python reads the same way', () => {
    expect(portableClasses('^\\d+\\w*$')).toBe('^[0-9]+[A-Za-z0-9_]*$');
    expect(portableClasses('[\\d.]')).toBe('[0-9.]');
    expect(() => portableClasses('[\\D]')).toThrow(/portable/);
    expect(combinedPattern([])).toBeUndefined();
  });
});
