import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import {
  aProject,
  downloadBytes,
  listUploads,
  pluck,
  PROJECT_TEST_ENV,
  UploadFile,
  uploadFiles,
} from '@test/support/factories/projects';
import {
  aBrokenPdf,
  aDoc,
  aDocx,
  aJpeg,
  aMarkdown,
  aPdf,
  aPng,
} from '@test/support/fixtures/documents';

describe('Uploads (real app, real services, local storage)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let projectId: string;

  const upload = (files: UploadFile[], user = owner, id = projectId) =>
    uploadFiles(user.api, id, files);
  const download = (url: string) => downloadBytes(testApp.http, url);
  const listFiles = () => listUploads(owner.api, projectId);

  beforeAll(async () => {
    // The default 10 uploads an hour would throttle these tests (uploads-refusals tests the limit).
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, RATE_LIMIT_UPLOADS_PER_HOUR: '1000' });
  });
  beforeEach(async () => {
    owner = await aSignedInUser(testApp.http);
    projectId = (await aProject(owner.api)).id;
  });
  afterAll(() => testApp.close());

  it("accepts every whitelisted type and answers with the contract's fields and signed URLs", async () => {
    const files = [
      { name: 'brief.pdf', content: aPdf() },
      { name: 'spec.docx', content: aDocx() },
      { name: 'legacy.doc', content: aDoc() },
      { name: 'notes.md', content: aMarkdown() },
      { name: 'logo.png', content: aPng() },
    ];
    const res = await upload(files).expect(201);
    expect(res.body.uploaded_files).toHaveLength(5);
    expect(res.body.uploaded_files[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      filename: 'brief.pdf',
      size: files[0].content.length,
      url: expect.stringMatching(
        /^\/api\/v1\/files\/[\w-]+\?expires=\d+&filename=brief.pdf&signature=/,
      ),
      download_url: res.body.uploaded_files[0].url,
      content_type: 'application/pdf',
      sha256: createHash('sha256').update(files[0].content).digest('hex'),
      duplicate: false,
      text_extraction: {
        status: 'extracted',
        chars: expect.any(Number),
        truncated: false,
        error: null,
        text_url: expect.any(String),
      },
    });
    const photo = await upload([
      { name: 'photo.jpg', content: aJpeg() },
      { name: 'photo2.JPEG', content: Buffer.concat([aJpeg(), Buffer.from('x')]) },
    ]).expect(201);
    expect(pluck(photo.body.uploaded_files, 'content_type')).toEqual(['image/jpeg', 'image/jpeg']);

    const listed = await listFiles();
    expect(listed.map((file) => file.filename)).toEqual([
      'brief.pdf',
      'spec.docx',
      'legacy.doc',
      'notes.md',
      'logo.png',
      'photo.jpg',
      'photo2.JPEG',
    ]);
    expect(listed[0]).toMatchObject({
      id: res.body.uploaded_files[0].id,
      size: files[0].content.length,
      uploaded_at: expect.stringMatching(/Z$/),
      download_url: expect.any(String),
    });
    const body = await download(listed[4].download_url as string).expect(200);
    expect(body.headers['content-type']).toBe('image/png');
    expect(body.headers['content-disposition']).toContain('filename="logo.png"');
    expect(Buffer.compare(body.body as Buffer, aPng())).toBe(0);
  });

  it('refuses a text field beside the files, naming it, and stores nothing', async () => {
    const refused = await owner.api
      .post(`/api/v1/projects/${projectId}/uploads`)
      .field('note', 'these are my notes')
      .attach('files', aMarkdown('# Notes\n'), 'notes.md')
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: [{ field: 'note', message: 'note: not a field of this form' }],
    });
    expect(await listFiles()).toHaveLength(0);
  });

  it('stores each content once per project: a re-upload returns the existing record', async () => {
    const first = await upload([{ name: 'notes.md', content: aMarkdown('# Same bytes\n') }]).expect(
      201,
    );
    const again = await upload([
      { name: 'renamed.md', content: aMarkdown('# Same bytes\n') },
    ]).expect(201);
    expect(again.body.uploaded_files[0]).toMatchObject({
      id: first.body.uploaded_files[0].id,
      filename: 'notes.md',
      duplicate: true,
    });
    const both = await upload([
      { name: 'a.md', content: aMarkdown('# Twin\n') },
      { name: 'b.md', content: aMarkdown('# Twin\n') },
    ]).expect(201);
    expect(both.body.uploaded_files[0].id).toBe(both.body.uploaded_files[1].id);
    expect(await listFiles()).toHaveLength(2);

    // Two requests racing with the same new content still end up with one record.
    const raced = await Promise.all(
      [1, 2, 3].map(() => upload([{ name: 'race.md', content: aMarkdown('# Raced\n') }])),
    );
    expect(raced.map((res) => res.status)).toEqual([201, 201, 201]);
    expect(
      new Set(
        raced.map((res) => (res.body as { uploaded_files: { id: string }[] }).uploaded_files[0].id),
      ).size,
    ).toBe(1);
    expect(await listFiles()).toHaveLength(3);

    // Another project of the same user keeps its own copy.
    const other = (await aProject(owner.api)).id;
    const elsewhere = await upload(
      [{ name: 'n.md', content: aMarkdown('# Same bytes\n') }],
      owner,
      other,
    ).expect(201);
    expect(elsewhere.body.uploaded_files[0]).toMatchObject({ duplicate: false });
    expect(elsewhere.body.uploaded_files[0].id).not.toBe(first.body.uploaded_files[0].id);
  });

  it('extracts text from pdf, docx and md, and records a failure without refusing the file', async () => {
    await upload([
      { name: 'brief.pdf', content: aPdf('Escrow payments for freelancers') },
      { name: 'spec.docx', content: aDocx(['Milestones', 'Dispute resolution']) },
      { name: 'notes.md', content: aMarkdown('# Notes\r\n\r\n\r\n\r\nOffline mode\n') },
      { name: 'broken.pdf', content: aBrokenPdf() },
      { name: 'logo.png', content: aPng() },
    ]).expect(201);
    const files = await listFiles();
    const byName = Object.fromEntries(files.map((file) => [file.filename, file]));
    const textOf = async (name: string): Promise<string> => {
      const extraction = byName[name].text_extraction as { text_url: string };
      const res = await download(extraction.text_url).expect(200);
      return (res.body as Buffer).toString('utf8');
    };
    expect(await textOf('brief.pdf')).toBe('Escrow payments for freelancers');
    expect(await textOf('spec.docx')).toBe('Milestones\n\nDispute resolution');
    expect(await textOf('notes.md')).toBe('# Notes\n\nOffline mode');
    expect(byName['broken.pdf'].text_extraction).toEqual({
      status: 'failed',
      chars: 0,
      truncated: false,
      error: expect.stringMatching(/\w/),
      text_url: null,
    });
    expect(byName['logo.png'].text_extraction).toMatchObject({
      status: 'not_applicable',
      text_url: null,
    });
  });
});
