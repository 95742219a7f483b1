import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import { critiquePrd } from '@/agents/review/prd-critique';
import { reviewPrd } from '@/agents/review/review-prd';
import type { ReviewInput } from '@/agents/review/review.types';
import { noLensCovered } from '@/domain/thinking-lenses';
import { aSignedInUser, SignedInUser, uniqueSuffix } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';

const FIXTURES = join(__dirname, '../fixtures/review');
const IDEA = 'A scheduling assistant for independent physiotherapy clinics';

function aReviewInput(): ReviewInput {
  return {
    // Unique, so no test is answered from another's cached critique.
    prd: `${readFileSync(join(FIXTURES, 'physio-pasted.prd.md'), 'utf8')}\n<!-- ${uniqueSuffix()} -->\n`,
    flowchart: readFileSync(join(FIXTURES, 'physio-pasted.flowchart.mmd'), 'utf8'),
    lensStatus: { ...noLensCovered(), discovery: true },
    answers: [],
    idea: IDEA,
  };
}

const CRITIQUE = {
  summary: 'The PRD restates one answer everywhere and never decides how a slot is offered.',
  findings: [
    {
      severity: 'error',
      section: 'Functional Requirements',
      message: 'FR-4 to FR-6 are the same pasted answer; replace them with the waitlist rules.',
    },
    {
      severity: 'warning',
      section: 'Risks and Mitigations',
      message: 'Texting patients needs recorded consent; add it as a risk with a mitigation.',
    },
  ],
};

describe('PRD review: the model critique through the real SDK (stub provider)', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed({
      ...PROJECT_TEST_ENV,
      LLM_CHAIN: 'openai:gpt-4o,offline',
      LLM_MAX_RETRIES: '0',
    });
  });
  afterAll(() => bed.close());
  beforeEach(() => bed.openai.reset());

  it('asks for the critique schema with the checklist findings, and returns findings by section', async () => {
    const input = aReviewInput();
    const review = reviewPrd(input);
    bed.openai.enqueue({ text: `Here is my critique:\n${JSON.stringify(CRITIQUE)}` });
    const critique = await critiquePrd(bed.gateway, input, review);
    expect(critique).toEqual({
      summary: CRITIQUE.summary,
      findings: CRITIQUE.findings.map((finding, index) => ({
        id: `critique:${index + 1}`,
        ...finding,
      })),
      provider: 'openai',
      model: 'gpt-4o',
    });
    const body = bed.openai.requests[0].body;
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'prd_critique', strict: true },
    });
    const prompt = JSON.stringify(body.messages);
    expect(prompt).toContain('checklist_findings');
    expect(prompt).toContain(review.findings[0].message.slice(0, 40));
  });

  it('repairs a critique naming a section the PRD does not have', async () => {
    const wrong = {
      ...CRITIQUE,
      findings: [
        { severity: 'critical', section: 'Pricing', message: 'No pricing section at all.' },
      ],
    };
    bed.openai.enqueue({ text: JSON.stringify(wrong) }).enqueue({ text: JSON.stringify(CRITIQUE) });
    const input = aReviewInput();
    const critique = await critiquePrd(bed.gateway, input, reviewPrd(input));
    expect(critique?.findings).toHaveLength(2);
    const repair = JSON.stringify(bed.openai.requests[1].body.messages);
    expect(repair).toContain(
      '$.findings[0].severity: \\"critical\\" is not one of error, warning, info',
    );
    expect(repair).toContain('$.findings[0].section: \\"Pricing\\" is not one of Overview');
  });

  it('gives no critique when only the offline fallback answered', async () => {
    bed.openai.enqueue({ status: 500 });
    const input = aReviewInput();
    await expect(critiquePrd(bed.gateway, input, reviewPrd(input))).resolves.toBeNull();
    expect(bed.openai.requests).toHaveLength(1);
  });

  describe('on a saved version (a manual save, the model configured)', () => {
    let owner: SignedInUser;
    let projectId: string;

    beforeAll(async () => {
      owner = await aSignedInUser(bed.testApp.http);
      projectId = (await aProject(owner.api, { initial_idea: `${IDEA} (${uniqueSuffix()})` })).id;
    });

    const save = (changes: string) =>
      saveVersion(owner.api, projectId, {
        prd_content: aReviewInput().prd,
        flowchart_content: aReviewInput().flowchart,
        changes,
      });
    const reviewOf = async (version: string) =>
      (await owner.api.get(`/api/v1/projects/${projectId}/versions/${version}/review`).expect(200))
        .body as Record<string, unknown>;

    it('keeps the critique next to the checklist', async () => {
      bed.openai.enqueue({ text: JSON.stringify(CRITIQUE) });
      const saved = await save('Reviewed by the model').expect(201);
      const review = await reviewOf(saved.body.version as string);
      expect(review).toMatchObject({
        critique: {
          summary: CRITIQUE.summary,
          findings: CRITIQUE.findings.map((finding, index) => ({
            id: `critique:${index + 1}`,
            ...finding,
          })),
          provider: 'openai',
          model: 'gpt-4o',
        },
        critique_status: 'complete',
        critique_error: null,
      });
      expect(review.findings).toContainEqual(
        expect.objectContaining({ id: 'requirements_named:FR-4' }),
      );
      expect(bed.openai.requests.at(-1)?.body.response_format).toMatchObject({
        json_schema: { name: 'prd_critique' },
      });
    });

    it('saves the version all the same when the critique fails, and says why', async () => {
      bed.openai.enqueue({ status: 500 });
      const unavailable = await save('Model down').expect(201);
      expect(await reviewOf(unavailable.body.version as string)).toMatchObject({
        critique: null,
        critique_status: 'failed',
        critique_error: 'AI_UNAVAILABLE',
        score: expect.any(Number),
      });
      bed.openai.enqueue({ text: 'I would rather not.' }, { times: 2 });
      const malformed = await save('Model confused').expect(201);
      expect(await reviewOf(malformed.body.version as string)).toMatchObject({
        critique: null,
        critique_status: 'failed',
        critique_error: 'AI_OUTPUT_INVALID',
      });
      const versions = await owner.api.get(`/api/v1/projects/${projectId}/versions`).expect(200);
      expect((versions.body.versions as { changes: string }[]).map((v) => v.changes)).toEqual(
        expect.arrayContaining(['Model down', 'Model confused']),
      );
    });
  });
});
