import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import {
  unfitNameCharacter,
  unstorableCharacter,
  VerbatimName,
  VerbatimText,
} from './sanitized-text.decorator';

class Sample {
  @IsString()
  @VerbatimText()
  text!: string;

  @IsString()
  @VerbatimName()
  name!: string;
}

const check = (text: unknown, name: unknown = 'Ada') => {
  const instance = plainToInstance(Sample, { text, name });
  return { instance, errors: validateSync(instance) };
};

describe('verbatim text', () => {
  it.each([
    'A tool for clinics.\n\nIt must answer in <5 min …',
    '<b>Grace</b> <script>alert(1)</script> Tom <3 Jerry',
    'O\'Brien & "Sons"\ttabbed\r\nCRLF',
    'emoji 🩺👩🏽‍⚕️ and 中文',
    '',
  ])('keeps %j exactly as sent', (text) => {
    const { instance, errors } = check(text);
    expect(errors).toEqual([]);
    expect(instance.text).toBe(text);
  });

  it.each([
    ['nul\u0000byte', 'U+0000 at character 4'],
    ['bell\u0007', 'U+0007 at character 5'],
    ['escape\u001b[31m', 'U+001B'],
    ['del\u007f', 'U+007F'],
    ['lone high \ud83d', 'unpaired UTF-16 surrogate at character 11'],
    ['lone low \ude00 x', 'unpaired UTF-16 surrogate at character 10'],
  ])('refuses %j, saying which character', (text, problem) => {
    const { errors } = check(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].property).toBe('text');
    expect(Object.values(errors[0].constraints ?? {}).join()).toContain(problem);
  });

  it('checks a megabyte of hostile text in one pass', () => {
    const hostile = '<a'.repeat(500_000) + '\u0000';
    expect(unstorableCharacter(hostile)).toContain('U+0000');
    expect(unfitNameCharacter('<a'.repeat(500_000))).toBeUndefined();
  });
});

describe('verbatim names', () => {
  it.each(['Ada Lovelace', '  spaced  ', 'Tom <3 Jerry', '<b>bold</b>', 'Zoë 🙂'])(
    'keeps %j as sent',
    (name) => {
      const { instance, errors } = check('text', name);
      expect(errors).toEqual([]);
      expect(instance.name).toBe(name);
    },
  );

  it.each(['two\nlines', 'tab\there', 'c1\u0085control', '   ', '\u00a0\u3000'])(
    'refuses %j',
    (name) => {
      const { errors } = check('text', name);
      expect(errors.map((error) => error.property)).toEqual(['name']);
    },
  );

  it('leaves non-strings to @IsString()', () => {
    const { errors } = check(42);
    expect(Object.keys(errors[0].constraints ?? {})).toEqual(['isString']);
  });
});
