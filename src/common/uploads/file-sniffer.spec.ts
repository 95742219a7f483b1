import {
  aDoc,
  aDocx,
  aJpeg,
  aMarkdown,
  aPdf,
  aPlainZip,
  aPng,
} from '@test/support/fixtures/documents';
import { sniff } from './file-sniffer';
import { zipEntries } from './zip-directory';

describe('sniff (magic bytes)', () => {
  it.each([
    ['pdf', aPdf()],
    ['png', aPng()],
    ['jpeg', aJpeg()],
    ['docx', aDocx()],
    ['zip', aPlainZip()],
    ['ole', aDoc()],
    ['text', aMarkdown('# Ünïcode ✓\n')],
    ['text', Buffer.alloc(0)],
    ['unknown', Buffer.from([0x00, 0x61])],
    ['unknown', Buffer.from([0xc3, 0x28])],
    ['unknown', Buffer.from('MZ\x90\x00', 'latin1')],
  ] as const)('%s', (kind, content) => {
    expect(sniff(content)).toBe(kind);
  });

  it('does not take a zip that only mentions word/document.xml in its data for a .docx', () => {
    const sneaky = Buffer.concat([
      aPlainZip(),
      Buffer.from('word/document.xml [Content_Types].xml'),
    ]);
    expect(sniff(sneaky)).toBe('zip');
  });
});

describe('zipEntries', () => {
  it("lists a zip's central directory with sizes", () => {
    expect(zipEntries(aDocx(['x']))?.map((entry) => entry.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
    ]);
    const [entry] = zipEntries(aPlainZip())!;
    expect(entry).toEqual({
      name: 'readme.txt',
      method: 0,
      compressedSize: 10,
      uncompressedSize: 10,
      localHeaderOffset: 0,
    });
  });

  it('answers null for anything that is not a readable zip', () => {
    expect(zipEntries(aPdf())).toBeNull();
    expect(zipEntries(Buffer.alloc(10))).toBeNull();
    expect(zipEntries(aPlainZip().subarray(0, 40))).toBeNull();
  });
});
