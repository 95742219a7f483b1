import { extensionOf, sanitizeFilename } from './filename';

describe('sanitizeFilename', () => {
  it.each([
    ['requirements.pdf', 'requirements.pdf'],
    ['../../etc/passwd.md', 'passwd.md'],
    ['C:\\Users\\ada\\spec.docx', 'spec.docx'],
    ['.env.md', 'env.md'],
    ['a\u0000b\u001fc\u007f.md', 'abc.md'],
    ['photo\u202egpj.png', 'photogpj.png'],
    ['NUL.pdf', '_NUL.pdf'],
    ['com1.tar.md', '_com1.tar.md'],
    ['console.md', 'console.md'],
    ['a<b>c:d"e|f?g*h.md', 'a_b_c_d_e_f_g_h.md'],
    ['name.md...   ', 'name.md'],
    ['  spaced name .md', 'spaced name .md'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it.each(['', '/', '../', '..', '....', 'dir/', '\u0007', '  '])(
    '%j has no usable name',
    (raw) => {
      expect(sanitizeFilename(raw)).toBeNull();
    },
  );

  it('keeps the extension when it cuts a long name to 255 characters', () => {
    const name = sanitizeFilename(`${'x'.repeat(400)}.docx`)!;
    expect(name).toHaveLength(255);
    expect(name.endsWith('x.docx')).toBe(true);
  });

  it('reads the extension case-insensitively, and none from a dotfile or a bare name', () => {
    expect(extensionOf('A.JPEG')).toBe('jpeg');
    expect(extensionOf('archive.tar.md')).toBe('md');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('.md')).toBe('');
  });
});
