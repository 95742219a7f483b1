import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV, uploadFiles } from '@test/support/factories/projects';
import { aDocx, aDocxBomb } from '@test/support/fixtures/documents';
import { whileProbingHealth } from '@test/support/responsiveness';
import { EXTRACTION_SLOTS } from '@/common/uploads/text-extraction';

const ONE_GB = 1024 * 1024 * 1024;

describe('Decompression bombs (real app, real services)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let bomb: Buffer;

  beforeAll(async () => {
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, RATE_LIMIT_UPLOADS_PER_HOUR: '1000' });
    owner = await aSignedInUser(testApp.http);
    // 1 GB of document text in about 1 MB, claiming to be 1 KB.
    bomb = await aDocxBomb(ONE_GB);
  });
  afterAll(() => testApp.close());

  it('records a .docx that inflates to 1 GB as a failed extraction, measured off the main thread', async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { id } = await aProject(owner.api);
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 5);
    const probed = await whileProbingHealth(testApp.http, () =>
      uploadFiles(owner.api, id, [{ name: 'bomb.docx', content: bomb }]),
    ).finally(() => clearInterval(sampler));
    expect(probed.result.status).toBe(201);
    expect(probed.result.body.uploaded_files[0].text_extraction).toEqual({
      status: 'failed',
      chars: 0,
      truncated: false,
      error: 'document expands to more than 64 MB',
      text_url: null,
    });
    expect(probed.healthAnswers).toBeGreaterThan(0);
    // Trusting the declared sizes, the whole 1 GB was inflated (1.2 GB resident); the bounded
    // inflate stops at 64 MB. Memory, not time: this holds however loaded the machine is.
    expect(rssPeak - rssBefore).toBeLessThan(512 * 1024 * 1024);
  });

  it('reads documents side by side with bombs, never more than two threads at once', async () => {
    const { id } = await aProject(owner.api);
    let highest = 0;
    const watch = setInterval(() => (highest = Math.max(highest, EXTRACTION_SLOTS.inUse)), 5);
    const uploads = await Promise.all(
      [0, 1, 2, 3].map((index) =>
        uploadFiles(owner.api, id, [
          { name: `bomb-${index}.docx`, content: Buffer.concat([bomb, Buffer.from([index])]) },
          { name: `ok-${index}.docx`, content: aDocx([`Paragraph ${index}`]) },
        ]),
      ),
    );
    clearInterval(watch);
    for (const res of uploads) {
      expect(res.status).toBe(201);
      const [bombed, fine] = res.body.uploaded_files;
      expect(bombed.text_extraction.status).toBe('failed');
      expect(fine.text_extraction.status).toBe('extracted');
    }
    expect(highest).toBeGreaterThan(0);
    expect(highest).toBeLessThanOrEqual(EXTRACTION_SLOTS.size);
    expect(EXTRACTION_SLOTS.inUse).toBe(0);
  });
});
