/// <reference lib="dom" />
// The callbacks given to $eval run in the page, where the DOM types apply.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer-core';
import { ensureChromium } from '@test/support/chromium';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, CreatedProject } from '@test/support/factories/projects';

/** Not localhost: browsers treat localhost as secure, which hid the CSP upgrade on every other host. */
const HOST = 'prd-forge.test';

/**
 * Swagger UI in a real browser, reached by a hostname that is not localhost over plain HTTP:
 * the page loads, carries the product's name and the journey link, and "Try it out" on
 * GET /projects with a real token shows the user's project.
 */
describe('Swagger UI in a browser (headless chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let profile: string;
  let user: SignedInUser;
  let project: CreatedProject;
  let origin: string;

  beforeAll(async () => {
    const executablePath = ensureChromium();
    testApp = await createTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    origin = `http://${HOST}:${port}`;
    user = await aSignedInUser(testApp.http);
    project = await aProject(user.api);
    profile = mkdtempSync(join(tmpdir(), 'prd-forge-chromium-'));
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        `--user-data-dir=${profile}`,
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      ],
    });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function openDocs(): Promise<{ page: Page; failed: string[] }> {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(`${origin}/docs`, { waitUntil: 'load' });
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 20_000 });
    return { page, failed };
  }

  it('loads over plain HTTP on a non-localhost host, with the name and the journey link', async () => {
    const { page, failed } = await openDocs();
    const title = await page.$eval('.swagger-ui .info .title', (node) => node.textContent ?? '');
    expect(title).toContain('PRD Forge API');
    expect(await page.title()).toBe('PRD Forge API');
    const links = await page.$$eval('.swagger-ui .info a', (nodes) =>
      nodes.map((node) => node.getAttribute('href')),
    );
    expect(links).toContain('/docs/readme#the-whole-journey-with-curl');
    const tags = await page.$$eval('.opblock-tag-section h3 .nostyle span', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    expect(tags.slice(0, 4)).toEqual(['auth', 'users', 'projects', 'agents']);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('authorizes with a real token and runs "Try it out" on GET /projects', async () => {
    const { page } = await openDocs();
    await page.click('.swagger-ui .auth-wrapper .authorize');
    await page.waitForSelector('.auth-container input');
    await page.type('.auth-container input', user.accessToken);
    await page.click('.auth-btn-wrapper .authorize');
    await page.click('.auth-btn-wrapper .btn-done');

    const operation = '#operations-projects-ProjectsController_list';
    await page.click(`${operation} .opblock-summary-control`);
    await page.waitForSelector(`${operation} .try-out__btn`);
    await page.click(`${operation} .try-out__btn`);
    await page.click(`${operation} .execute`);
    await page.waitForSelector(`${operation} .live-responses-table tbody .response-col_status`, {
      timeout: 20_000,
    });
    const status = await page.$eval(
      `${operation} .live-responses-table tbody .response-col_status`,
      (node) => node.textContent?.trim(),
    );
    const body = await page.$eval(
      `${operation} .live-responses-table tbody .response-col_description`,
      (node) => node.textContent ?? '',
    );
    const url = await page.$eval(`${operation} .request-url pre`, (node) => node.textContent);
    expect(status).toBe('200');
    expect(body).toContain(project.id);
    expect(url).toBe(`${origin}/api/v1/projects?status=active&limit=20&offset=0`);
    await page.close();
  });
});
