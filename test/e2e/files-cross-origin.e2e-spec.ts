import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aMarkdown, aPdf, aPng } from '@test/support/fixtures/documents';
import {
  aProject,
  binary,
  listUploads,
  pathOf,
  PROJECT_TEST_ENV,
  saveVersion,
  uploadFiles,
} from '@test/support/factories/projects';

const WEB_ORIGIN = 'https://app.example.com';

describe('Signed downloads load cross-origin: an <img> on the web client works', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let projectId: string;

  /** What a browser on the web client sends for `<img src>` (no-cors, cross-site). */
  const fetchAsImage = (url: string) =>
    testApp.http
      .get(pathOf(url))
      .set('Origin', WEB_ORIGIN)
      .set('Sec-Fetch-Dest', 'image')
      .set('Sec-Fetch-Mode', 'no-cors')
      .set('Sec-Fetch-Site', 'cross-site')
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, CORS_ORIGINS: WEB_ORIGIN });
    owner = await aSignedInUser(testApp.http);
    projectId = (await aProject(owner.api)).id;
    await uploadFiles(owner.api, projectId, [
      { name: 'logo.png', content: aPng() },
      { name: 'brief.pdf', content: aPdf() },
      { name: 'notes.md', content: aMarkdown() },
    ]).expect(201);
  });
  afterAll(() => testApp.close());

  it('an image: CORP cross-origin, nosniff, its own type, inline; the CORS origin may read it', async () => {
    const png = (await listUploads(owner.api, projectId)).find(
      (file) => file.filename === 'logo.png',
    )!;
    const res = await fetchAsImage(png.download_url as string).expect(200);
    expect(res.headers).toMatchObject({
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
      'content-type': 'image/png',
      'access-control-allow-origin': WEB_ORIGIN,
    });
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="logo\.png"/);
    expect((res.body as Buffer).equals(aPng())).toBe(true);
  });

  it('a type that is not safe to show inline is still an attachment, and still nosniff', async () => {
    const uploads = await listUploads(owner.api, projectId);
    for (const name of ['brief.pdf', 'notes.md']) {
      const file = uploads.find((entry) => entry.filename === name)!;
      const res = await fetchAsImage(file.download_url as string).expect(200);
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
    }
  });

  it("a version's flowchart (plain text) is inline, its PRD (markdown) an attachment", async () => {
    await saveVersion(owner.api, projectId).expect(201);
    const versions = await owner.api.get(`/api/v1/projects/${projectId}/versions`).expect(200);
    const [latest] = versions.body.versions as { prd_url: string; flowchart_url: string }[];
    const chart = await fetchAsImage(latest.flowchart_url).expect(200);
    expect(chart.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(chart.headers['content-disposition']).toMatch(/^inline; /);
    const prd = await fetchAsImage(latest.prd_url).expect(200);
    expect(prd.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('the rest of the API keeps CORP same-origin', async () => {
    const res = await owner.api.get('/api/v1/users/me').expect(200);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
