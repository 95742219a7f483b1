import { applyPatch } from 'diff';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { STALL_BOUND_MS, whileProbingHealth } from '@test/support/responsiveness';

/** `count` lines that share nothing with another `tag`'s lines. */
const lines = (count: number, tag: string): string =>
  Array.from({ length: count }, (_, index) => `- ${tag} requirement ${index} ${tag}${tag}`).join(
    '\n',
  );

describe('Diffs are bounded: a pathological pair answers at once, never a blocked loop', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('answers the diff of two versions of 15,000 different lines as too different, while /health answers', async () => {
    const { id } = await aProject(owner.api);
    const before = `# PRD\n\n${lines(15_000, 'a')}\n`;
    const after = `# PRD\n\n${lines(15_000, 'b')}\n`;
    expect(before.length).toBeLessThan(500_000);
    await saveVersion(owner.api, id, { prd_content: before }).expect(201);
    await saveVersion(owner.api, id, { prd_content: after }).expect(201);

    const probed = await whileProbingHealth(testApp.http, () =>
      owner.api.get(`/api/v1/projects/${id}/versions/v1.0/diff/v1.1`),
    );
    expect(probed.result.status).toBe(200);
    expect(probed.result.body).toMatchObject({
      from: 'v1.0',
      to: 'v1.1',
      additions: 15_000,
      deletions: 15_000,
      too_different: true,
    });
    expect(applyPatch(before, probed.result.body.diff as string)).toBe(after);
    expect(probed.healthAnswers).toBeGreaterThan(0);
    expect(probed.longestStallMs).toBeLessThan(STALL_BOUND_MS);
  });

  it('answers a markdown edit that rewrites 20,000 short lines with a bounded diff, while /health answers', async () => {
    const short = (tag: string) =>
      Array.from({ length: 20_000 }, (_, index) => `${tag}${index}`).join('\n');
    const current = short('c');
    const original = short('o');
    expect(current.length).toBeLessThan(200_000);
    const probed = await whileProbingHealth(testApp.http, () =>
      owner.api.post('/api/v1/ai/markdown-edit').send({
        chat_history: [{ role: 'user', content: 'Restore everything to the original' }],
        current_markdown: current,
        original_markdown: original,
      }),
    );
    expect(probed.result.status).toBe(200);
    expect(probed.result.body).toMatchObject({
      edited_markdown: original,
      changed: true,
      too_different: true,
    });
    expect(applyPatch(current, probed.result.body.diff as string)).toBe(original);
    expect(probed.healthAnswers).toBeGreaterThan(0);
    expect(probed.longestStallMs).toBeLessThan(STALL_BOUND_MS);
  });
});
