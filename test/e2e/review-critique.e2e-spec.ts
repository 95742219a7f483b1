import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueSuffix } from '@test/support/factories';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import { critiquePrd } from '@/agents/review/prd-critique';
import { reviewPrd } from '@/agents/review/review-prd';
import type { ReviewInput } from '@/agents/review/review.types';
import { noLensCovered } from '@/domain/thinking-lenses';

const FIXTURES = join(__dirname, '../fixtures/review');

function aReviewInput(): ReviewInput {
  return {
    // Unique, so no test is answered from another's cached critique.
    prd: `${readFileSync(join(FIXTURES, 'physio-pasted.prd.md'), 'utf8')}\n<!-- ${uniqueSuffix()} -->\n`,
    flowchart: readFileSync(join(FIXTURES, 'physio-pasted.flowchart.mmd'), 'utf8'),
    lensStatus: { ...noLensCovered(), discovery: true },
    answers: [],
    idea: 'A scheduling assistant for independent physiotherapy clinics',
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
});
