import { aBrokenPdf, aDocx, aPdf, aPng } from '@test/support/fixtures/documents';
import { zip } from '@test/support/fixtures/zip';
import { extractText, MAX_TEXT_CHARS } from './text-extraction';

describe('extractText', () => {
  it('reads pdf (in a worker thread), docx and markdown', async () => {
    await expect(extractText('pdf', aPdf('Escrow (milestones)'))).resolves.toEqual({
      status: 'extracted',
      text: 'Escrow (milestones)',
      truncated: false,
    });
    await expect(extractText('docx', aDocx(['One', 'Two']))).resolves.toMatchObject({
      text: 'One\n\nTwo',
    });
    await expect(extractText('text', Buffer.from('a  \r\n\r\n\r\n\r\nb\n'))).resolves.toMatchObject(
      {
        text: 'a\n\nb',
      },
    );
  });

  it('records a failure instead of throwing', async () => {
    await expect(extractText('pdf', aBrokenPdf())).resolves.toEqual({
      status: 'failed',
      error: expect.stringMatching(/\w/),
    });
    await expect(
      extractText('docx', zip({ 'word/document.xml': '<not xml' })),
    ).resolves.toMatchObject({
      status: 'failed',
    });
  });

  it('refuses to inflate a docx that claims to expand past 64 MB', async () => {
    const bomb = aDocx();
    // Rewrite the declared uncompressed size of the last central directory entry.
    const end = bomb.length - 22;
    const directory = bomb.readUInt32LE(end + 16);
    let offset = directory;
    for (let index = 0; index < 2; index += 1) {
      offset += 46 + bomb.readUInt16LE(offset + 28) + bomb.readUInt16LE(offset + 30);
    }
    bomb.writeUInt32LE(100 * 1024 * 1024, offset + 24);
    await expect(extractText('docx', bomb)).resolves.toEqual({
      status: 'failed',
      error: 'document expands to more than 64 MB',
    });
  });

  it('cuts very long text and says so', async () => {
    const result = await extractText('text', Buffer.from('x'.repeat(MAX_TEXT_CHARS + 10)));
    expect(result).toMatchObject({ status: 'extracted', truncated: true });
    expect(result.status === 'extracted' && result.text.length).toBe(MAX_TEXT_CHARS);
  });

  it('has nothing to read in images and legacy .doc files', async () => {
    await expect(extractText('png', aPng())).resolves.toEqual({ status: 'not_applicable' });
    await expect(extractText('ole', Buffer.alloc(512))).resolves.toEqual({
      status: 'not_applicable',
    });
  });
});
