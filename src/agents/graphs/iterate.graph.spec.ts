import { MemorySaver } from '@langchain/langgraph';
import { noLensCovered } from '@/domain/thinking-lenses';
import type { ReviewFinding } from '@/domain/version-review';
import { aRecordedRun, offlineModel, ScriptedModel } from '@test/support/factories/agents';
import { ITERATE_ROUTE_PURPOSE, ITERATE_SECTION_PURPOSE } from '../offline/iterate.drafter';
import { readAgentData, stringField } from '../prompts/agent-prompt';
import { splitPrd } from '../prd/prd-document';
import { buildIterateGraph, IterateInput } from './iterate.graph';

const PRD = [
  '# Groomers: Product Requirements Document',
  '',
  '## 1. Overview',
  '',
  'A booking tool for mobile dog groomers.',
  '',
  '## 7. Functional Requirements',
  '',
  '### FR-1 (P0): Booking a grooming slot',
  '- Owners pick a slot.',
  '',
  '## 8. Success Metrics',
  '',
  '- **SM-1:** Weekly bookings per groomer, 30 within 3 months',
].join('\n');

const FINDINGS: ReviewFinding[] = [
  {
    id: 'acceptance_testable:FR-1',
    severity: 'error',
    section: 'Functional Requirements',
    message: 'FR-1 has no testable acceptance criterion (Given … when … then …).',
  },
  {
    id: 'metrics_measurable:SM-1',
    severity: 'warning',
    section: 'Success Metrics',
    message: 'SM-1 has no counter-metric.',
  },
];

function input(message: string, findings: ReviewFinding[] = FINDINGS): IterateInput {
  return {
    mode: 'agent',
    message,
    idea: 'A booking tool for dog groomers',
    version: 'v1.3',
    prd: PRD,
    flowchart: 'flowchart TD\n  A[Start] --> B[Book]',
    lensStatus: noLensCovered(),
    findings,
  };
}

function iterate(model: ScriptedModel, request: IterateInput) {
  const recorded = aRecordedRun(model, 'iteration_agent');
  const saved: string[] = [];
  const graph = buildIterateGraph(recorded.run, new MemorySaver(), (document) => {
    saved.push(document.prd);
    return Promise.resolve('v1.4');
  });
  const run = graph.invoke(request, { configurable: { thread_id: 't1' } });
  return { run, recorded, saved };
}

describe('iterate graph: "fix the review findings"', () => {
  it('asks the model to fix each named section with its findings, without routing', async () => {
    const { run, recorded, saved } = iterate(offlineModel(), input('fix the review findings'));
    const out = await run;
    const purposes = recorded.requests.map((request) => request.purpose);
    expect(purposes).not.toContain(ITERATE_ROUTE_PURPOSE);
    const sections = recorded.requests
      .filter((request) => request.purpose === ITERATE_SECTION_PURPOSE)
      .map((request) => readAgentData(request.messages));
    expect(sections.map((data) => (data.section as { id: string }).id)).toEqual([
      'functional_requirements',
      'success_metrics',
    ]);
    expect(sections.map((data) => data.findings)).toEqual([[FINDINGS[0]], [FINDINGS[1]]]);
    expect(sections.every((data) => data.message === undefined)).toBe(true);
    expect(recorded.requests[0].messages[0].content).toMatch(/^You fix review findings/);

    expect(out.changes).toBe(
      'Fixed the review findings of v1.3 in Functional Requirements, Success Metrics',
    );
    const bodies = splitPrd(out.prd).bodies;
    expect(bodies.functional_requirements).toMatch(/- Acceptance: Given .+ when .+ then /);
    expect(bodies.success_metrics).toContain('Counter-metric:');
    expect(bodies.overview).toBe('A booking tool for mobile dog groomers.');
    // Fixing states nothing new the user said.
    expect(out.lensStatus).toEqual(noLensCovered());
    expect(saved).toEqual([out.prd]);
  });

  it('routes an ordinary request as before, findings or not', async () => {
    const { run, recorded } = iterate(offlineModel(), input('Add a waitlist for groomers'));
    await run;
    expect(recorded.requests[0].purpose).toBe(ITERATE_ROUTE_PURPOSE);
    const sections = recorded.requests.filter(
      (request) => request.purpose === ITERATE_SECTION_PURPOSE,
    );
    expect(
      sections.every((request) => readAgentData(request.messages).findings === undefined),
    ).toBe(true);
  });

  it('refuses (CONFLICT) when there are no findings, or none the model changes text for', async () => {
    const none = iterate(offlineModel(), input('fix the review findings', []));
    await expect(none.run).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'The review of v1.3 has no findings to fix',
    });

    // A model that hands each section back unchanged: no version identical to the last.
    const unchanged: ScriptedModel = (request) =>
      stringField(readAgentData(request.messages), 'body');
    const same = iterate(unchanged, input('fix the review findings'));
    await expect(same.run).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(same.saved).toEqual([]);
  });

  it('redraws the flowchart when a finding is about it', async () => {
    const journeyPrd = PRD.replace(
      '## 7. Functional Requirements',
      '## 4. User Journeys\n\n### UJ-1: Booking a slot\n1. The owner opens the link\n2. The owner picks a slot\n\n## 7. Functional Requirements',
    );
    const missing: ReviewFinding = {
      id: 'journeys_flowchart:UJ-1',
      severity: 'error',
      section: 'Flowchart',
      message: 'UJ-1 (Booking a slot) is not in the flowchart.',
    };
    const { run, recorded } = iterate(offlineModel(), {
      ...input('Fix the review.', [missing]),
      prd: journeyPrd,
    });
    const out = await run;
    expect(recorded.logs.map((entry) => entry.node)).toContain('redraw_flowchart');
    expect(out.flowchart).toContain('UJ-1');
    expect(out.changes).toBe('Fixed the review findings of v1.3 in the flowchart');
  });
});

function finding(section: string, id = `check:${section}`): ReviewFinding {
  return { id, severity: 'warning', section, message: `Something to fix in ${section}.` };
}

/** A model that fixes any section by adding a line to it. */
const appending: ScriptedModel = (request) =>
  `${stringField(readAgentData(request.messages), 'body')}\n- Fixed.`.trim();

describe('iterate graph: what a fix touches', () => {
  it('names why nothing can be fixed when no finding names a section of the PRD', async () => {
    const { run, saved } = iterate(
      offlineModel(),
      input('fix the review findings', [finding('Clarifications Log'), finding('Appendix')]),
    );
    await expect(run).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'None of the review findings of v1.3 names a section that can be changed',
    });
    expect(saved).toEqual([]);
  });

  it('recomputes the assumptions index instead of asking the model to write it', async () => {
    const { run, recorded } = iterate(
      offlineModel(),
      input('fix the review findings', [FINDINGS[0], finding('Assumptions Index')]),
    );
    const out = await run;
    const asked = recorded.requests
      .filter((request) => request.purpose === ITERATE_SECTION_PURPOSE)
      .map((request) => (readAgentData(request.messages).section as { id: string }).id);
    expect(asked).toEqual(['functional_requirements']);
    expect(out.rewritten).toEqual(expect.objectContaining({ assumptions: '' }));
    expect(out.changes).toBe(
      'Fixed the review findings of v1.3 in Functional Requirements, Assumptions Index',
    );
  });

  it('fixes a section the PRD does not have yet from an empty body', async () => {
    const { run, recorded } = iterate(
      appending,
      input('fix the review findings', [finding('Risks and Mitigations')]),
    );
    await run;
    const data = readAgentData(recorded.requests[0].messages);
    expect(data.section).toEqual({ id: 'risks', title: 'Risks and Mitigations' });
    expect(data.body).toBe('');
  });

  it('keeps `changes` to one line of at most 200 characters when many sections are fixed', async () => {
    const titles = [
      'Overview',
      'Problem and Why Now',
      'Target Users',
      'Non-Goals',
      'Competitive Landscape',
      'MVP Scope',
      'Go-to-Market',
      'Risks and Mitigations',
      'Open Questions',
      'Functional Requirements',
      'Success Metrics',
    ];
    const { run } = iterate(
      appending,
      input(
        'fix the review findings',
        titles.map((title) => finding(title)),
      ),
    );
    const out = await run;
    expect(out.changes).toHaveLength(200);
    expect(out.changes).toMatch(
      /^Fixed the review findings of v1\.3 in Overview, Problem and Why Now, .+…$/,
    );
  });
});

describe('iterate graph: an ordinary change request', () => {
  const routeTo = (changes: string): ScriptedModel => {
    const offline = offlineModel();
    return (request) =>
      request.purpose === ITERATE_ROUTE_PURPOSE
        ? JSON.stringify({ sections: ['overview'], changes })
        : offline(request);
  };

  it("keeps the model's `changes`, on one line", async () => {
    const { run } = iterate(routeTo('Added the\n waitlist'), input('Mention the waitlist'));
    expect((await run).changes).toBe('Added the waitlist');
  });
});

describe('iterate graph: redrawing the flowchart for a finding', () => {
  const flowchartFinding = finding('Flowchart', 'journeys_flowchart:UJ-1');

  it('draws from the PRD and idea it has (no journeys, no audience), and refuses a chart that would not change', async () => {
    const request = { ...input('fix the review findings', [flowchartFinding]), idea: 'Groomly' };
    const first = iterate(offlineModel(), request);
    const out = await first.run;
    expect(out.flowchart).toMatch(/^flowchart/);
    expect(out.flowchart).not.toBe(request.flowchart);
    expect(first.saved).toHaveLength(1);

    const again = iterate(offlineModel(), { ...request, flowchart: `${out.flowchart}\n` });
    await expect(again.run).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'None of the review findings of v1.3 could be fixed: the text would not change',
    });
    expect(again.saved).toEqual([]);
  });
});
