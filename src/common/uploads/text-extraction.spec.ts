import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  aBrokenPdf,
  aDeflatedDocx,
  aDocx,
  aDocxBomb,
  aPdf,
  aPng,
} from '@test/support/fixtures/documents';
import { zip } from '@test/support/fixtures/zip';
import { STALL_BOUND_MS } from '@test/support/responsiveness';
import { extractText, MAX_TEXT_CHARS, normalise } from './text-extraction';

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

  it('reads an honestly deflated docx', async () => {
    await expect(extractText('docx', aDeflatedDocx('Deflated & read'))).resolves.toMatchObject({
      status: 'extracted',
      text: 'Deflated & read',
    });
  });

  it('measures what a docx really inflates to, whatever it claims, off the main thread', async () => {
    const bomb = await aDocxBomb(300 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 5);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const result = await extractText('docx', bomb).finally(() => clearInterval(sampler));
    loop.disable();
    expect(result).toEqual({ status: 'failed', error: 'document expands to more than 64 MB' });
    // Memory, not time (a loaded machine stalls any loop a while): trusting the declared sizes,
    // all 300 MB would be inflated; the bounded reader stops at 64 MB.
    expect(rssPeak - rssBefore).toBeLessThan(200 * 1024 * 1024);
    // The loop only waits on a thread; the bound is loose and catches gross stalls only.
    expect(loop.max / 1e6).toBeLessThan(STALL_BOUND_MS);
  });

  it('keeps trailing-blank clean-up linear on a long run of spaces', () => {
    expect(normalise(`${' '.repeat(2_000_000)}x  \n\n\n\ny\t\r\n`)).toBe('x\n\ny');
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
