import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import {
  AN_IDEA,
  aProject,
  downloadBytes,
  fieldNames,
  idsOf,
  listUploads,
  postProject,
  PROJECT_TEST_ENV,
  rawMultipart,
  UploadFile,
  uploadFiles,
} from '@test/support/factories/projects';
import { aDocx, aMarkdown, aPdf, aPlainZip, aPng } from '@test/support/fixtures/documents';

const TEN_MB = 10 * 1024 * 1024;

describe('Upload refusals and file names (real app, real services)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let projectId: string;

  const upload = (files: UploadFile[], user = owner, id = projectId) =>
    uploadFiles(user.api, id, files);
  /** One file with its name sent byte for byte (clients strip directories themselves). */
  const uploadRaw = (filename: string, content = '# notes\n') => {
    const { body, contentType } = rawMultipart([{ field: 'files', filename, content }]);
    return owner.api
      .post(`/api/v1/projects/${projectId}/uploads`)
      .set('Content-Type', contentType)
      .send(body);
  };
  const download = (url: string) => downloadBytes(testApp.http, url);
  const listFiles = () => listUploads(owner.api, projectId);

  beforeAll(async () => {
    // The default 10 uploads an hour would throttle these tests; the limit has its own app below.
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, RATE_LIMIT_UPLOADS_PER_HOUR: '1000' });
  });
  beforeEach(async () => {
    owner = await aSignedInUser(testApp.http);
    projectId = (await aProject(owner.api)).id;
  });
  afterAll(() => testApp.close());

  describe('refusals (nothing is stored)', () => {
    afterEach(async () => {
      expect(await listFiles()).toEqual([]);
    });

    it('refuses a type off the whitelist with 415, naming the file', async () => {
      for (const name of ['run.exe', 'page.html', 'archive.zip', 'noextension', 'notes.txt']) {
        const res = await upload([{ name, content: Buffer.from('hello') }]).expect(415);
        expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
        expect(res.body.error).toContain(name);
        expect(fieldNames(res.body)).toEqual(['files[0]']);
      }
    });

    it('refuses an extension that lies about the content (magic bytes), with 415', async () => {
      const lies = [
        { name: 'image.pdf', content: aPng() },
        { name: 'doc.png', content: aPdf() },
        { name: 'archive.docx', content: aPlainZip() },
        { name: 'binary.md', content: Buffer.from([0x00, 0x01, 0x02, 0x03]) },
        { name: 'latin1.md', content: Buffer.from([0x63, 0x61, 0x66, 0xe9]) },
        { name: 'word.doc', content: aDocx() },
        { name: 'photo.jpg', content: aPng() },
      ];
      for (const lie of lies) {
        const res = await upload([lie]).expect(415);
        expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        expect(res.body.error).toContain(`not what .${lie.name.split('.')[1]} promises`);
      }
      // One bad file refuses the whole request.
      const mixed = await upload([
        { name: 'good.md', content: aMarkdown() },
        { name: 'bad.pdf', content: aPng() },
      ]).expect(415);
      expect(fieldNames(mixed.body)).toEqual(['files[1]']);
    });

    it('refuses a file over 10 MB with 413', async () => {
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(TEN_MB)]);
      const res = await upload([{ name: 'big.pdf', content: big }]).expect(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: [{ field: 'files' }] });
      const exact = Buffer.concat([Buffer.from('# '), Buffer.alloc(TEN_MB - 2, 0x61)]);
      await upload([{ name: 'exact.md', content: exact }]).expect(201);
      await owner.api.delete(`/api/v1/projects/${projectId}`).expect(200);
      projectId = (await aProject(owner.api)).id;
    });

    it('refuses more files than MAX_FILES_PER_REQUEST (5) with 400 naming files', async () => {
      const six = [1, 2, 3, 4, 5, 6].map((n) => ({
        name: `n${n}.md`,
        content: aMarkdown(`# ${n}\n`),
      }));
      const res = await upload(six).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_ERROR', fields: [{ field: 'files' }] });
      expect(res.body.error).toContain('at most 5 files');
    });

    it('refuses a request without files, and files in another field', async () => {
      const none = await owner.api.post(`/api/v1/projects/${projectId}/uploads`).expect(400);
      expect(fieldNames(none.body)).toEqual(['files']);
      const wrongField = await owner.api
        .post(`/api/v1/projects/${projectId}/uploads`)
        .attach('document', aMarkdown(), 'notes.md')
        .expect(400);
      expect(fieldNames(wrongField.body)).toEqual(['document']);
    });

    it('refuses empty files and names that are nothing but path parts', async () => {
      const empty = await upload([{ name: 'empty.md', content: Buffer.alloc(0) }]).expect(400);
      expect(empty.body.error).toContain('empty');
      for (const filename of ['../', '..', '...', 'dir/', 'C:/temp/']) {
        const res = await uploadRaw(filename).expect(400);
        expect({ filename, fields: fieldNames(res.body) }).toEqual({
          filename,
          fields: ['files[0]'],
        });
      }
    });
  });

  it('sanitises path tricks, control characters and reserved names in file names', async () => {
    const cases: [string, string][] = [
      ['../../etc/passwd.md', 'passwd.md'],
      ['..\\..\\windows\\win.md', 'win.md'],
      ['C:\\Users\\me\\notes.md', 'notes.md'],
      ['/absolute/path/abs.md', 'abs.md'],
      ['.hidden.md', 'hidden.md'],
      // Browsers send CR/LF as %0D/%0A; multer decodes them back to control characters.
      ['evil%0Aname%0D.md', 'evilname.md'],
      ['inv\u202egpj.md', 'invgpj.md'],
      ['CON.md', '_CON.md'],
      ['what?<is>:this.md', 'what__is__this.md'],
      ['trailing.md. . ', 'trailing.md'],
      ['Ünïcödé résumé.md', 'Ünïcödé résumé.md'],
    ];
    for (const [index, [name, expected]] of cases.entries()) {
      const res = await uploadRaw(name, `# case ${index}\n`).expect(201);
      expect({ name, filename: res.body.uploaded_files[0].filename }).toEqual({
        name,
        filename: expected,
      });
    }
    const listed = await listFiles();
    expect(listed[0]).toMatchObject({
      filename: 'passwd.md',
      original_filename: '../../etc/passwd.md',
    });
    const res = await download(listed[0].download_url as string).expect(200);
    expect((res.body as Buffer).toString('utf8')).toBe('# case 0\n');
  });

  it('refuses uploads to an archived project with 409', async () => {
    await owner.api.patch(`/api/v1/projects/${projectId}`).send({ status: 'archived' }).expect(200);
    const res = await upload([{ name: 'notes.md', content: aMarkdown() }]).expect(409);
    expect(res.body.code).toBe('CONFLICT');
  });

  it('creates no project when POST /projects carries a refused file', async () => {
    const before = await owner.api.get('/api/v1/projects').expect(200);
    const res = await postProject(owner.api, { initial_idea: AN_IDEA }, [
      { name: 'ok.md', content: aMarkdown() },
      { name: 'fake.pdf', content: aPng() },
    ]).expect(415);
    expect(fieldNames(res.body)).toEqual(['files[1]']);
    const tooMany = await postProject(
      owner.api,
      { initial_idea: AN_IDEA },
      [1, 2, 3, 4, 5, 6].map((n) => ({ name: `${n}.md`, content: aMarkdown(`# ${n}`) })),
    ).expect(400);
    expect(fieldNames(tooMany.body)).toEqual(['files']);
    const after = await owner.api.get('/api/v1/projects').expect(200);
    expect(after.body.total).toBe(before.body.total);
  });
});

describe('Upload rate limit (the defaults)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  afterAll(() => testApp.close());

  it('allows 10 upload requests an hour per user, then answers 429 with Retry-After', async () => {
    const upload = async (user: SignedInUser, projectId: string, n: number) =>
      user.api
        .post(`/api/v1/projects/${projectId}/uploads`)
        .attach('files', aMarkdown(`# ${n}\n`), `n${n}.md`);
    const owner = await aSignedInUser(testApp.http);
    const projectId = (await aProject(owner.api)).id;
    for (let n = 0; n < 10; n += 1) {
      expect((await upload(owner, projectId, n)).status).toBe(201);
    }
    const limited = await upload(owner, projectId, 10);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      retry_after: expect.any(Number),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
    // Another user has their own allowance.
    const other = await aSignedInUser(testApp.http);
    const theirs = (await aProject(other.api)).id;
    expect((await upload(other, theirs, 0)).status).toBe(201);
  });
});

describe('Uploads when storage fails', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // A file where the storage directory should be: every write fails.
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, STORAGE_LOCAL_DIR: '/dev/null/objects' });
  });
  afterAll(() => testApp.close());

  it('leaves no upload record and no project behind', async () => {
    const owner = await aSignedInUser(testApp.http);
    const projectId = (await aProject(owner.api)).id;
    const failed = await owner.api
      .post(`/api/v1/projects/${projectId}/uploads`)
      .attach('files', aMarkdown(), 'notes.md');
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ code: 'INTERNAL_ERROR', error: 'Internal server error' });
    const files = await owner.api.get(`/api/v1/projects/${projectId}/uploads`).expect(200);
    expect(files.body.files).toEqual([]);

    const create = await postProject(owner.api, { initial_idea: AN_IDEA }, [
      { name: 'notes.md', content: aMarkdown() },
    ]);
    expect(create.status).toBe(500);
    const projects = await owner.api.get('/api/v1/projects').expect(200);
    expect(idsOf(projects.body.projects)).toEqual([projectId]);
  });
});
