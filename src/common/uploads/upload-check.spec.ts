import { AppError } from '@/common/errors';
import { aDocx, aMarkdown, aPdf, aPng } from '@test/support/fixtures/documents';
import { checkFiles, IncomingFile } from './upload-check';

const file = (originalname: string, buffer: Buffer): IncomingFile => ({
  originalname,
  buffer,
  size: buffer.length,
});

function refusal(files: IncomingFile[], maxBytes = 1024 * 1024): AppError {
  try {
    checkFiles(files, maxBytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkFiles', () => {
  it('accepts allowed files and describes them by content', () => {
    const [pdf, docx, jpeg] = checkFiles(
      [file('a.PDF', aPdf()), file('b.docx', aDocx()), file('c.md', aMarkdown())],
      1024 * 1024,
    );
    expect(pdf).toMatchObject({ filename: 'a.PDF', sniffed: 'pdf', kind: { stored: 'pdf' } });
    expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(docx.kind.contentType).toContain('wordprocessingml');
    expect(jpeg.sniffed).toBe('text');
  });

  it('names every bad file, with the most specific status', () => {
    const mixed = refusal([
      file('ok.md', aMarkdown()),
      file('x.exe', Buffer.from('MZ')),
      file('empty.md', Buffer.alloc(0)),
    ]);
    expect(mixed.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(mixed.details?.fields).toEqual([
      { field: 'files[1]', message: expect.stringContaining('only .pdf') },
      { field: 'files[2]', message: expect.stringContaining('empty') },
    ]);
    const big = refusal([file('a.png', aPng()), file('b.pdf', aPdf())], 100);
    expect(big.code).toBe('PAYLOAD_TOO_LARGE');
    expect(big.message).toContain('100 bytes');
    expect(refusal([file('../', aMarkdown())]).code).toBe('VALIDATION_ERROR');
  });

  it('refuses content that is not what the extension says', () => {
    const lie = refusal([file('photo.jpg', aPng())]);
    expect(lie.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(lie.message).toContain('is a PNG image, not what .jpg promises');
  });
});
