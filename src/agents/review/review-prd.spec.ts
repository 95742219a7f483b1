import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noLensCovered, ThinkingLens, ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { ClarificationAnswer } from '@/domain/clarification';
import { numberAnswers } from '../answers';
import { assemblePrd } from '../prd/prd-document';
import { reviewPrd, reviewPrdInSteps } from './review-prd';
import type { ReviewInput } from './review.types';

const FIXTURES = join(__dirname, '../../../test/fixtures/review');
const IDEA = 'A booking tool for dog groomers that texts owners a reminder the day before';

const ANSWERS: ClarificationAnswer[] = [
  {
    lens: 'discovery',
    question: 'Who are they?',
    answer: 'Mobile groomers who lose two bookings a week to owners who forget',
  },
  {
    lens: 'user_journey',
    question: 'First session?',
    answer: 'The groomer imports their calendar, then owners get a text the day before',
  },
];

const GOOD_BODIES: Record<string, string> = {
  overview: 'A booking tool for mobile dog groomers.',
  problem: '- Mobile groomers who lose two bookings a week to owners who forget (from A-1).',
  target_users: '- **Primary:** mobile dog groomers.',
  user_journeys: [
    '### UJ-1: First session (from A-2)',
    '1. The groomer imports their calendar',
    '2. Owners get a text the day before',
  ].join('\n'),
  functional_requirements: [
    '### FR-1 (P0): Importing the groomer calendar (from A-2)',
    '- Acceptance: Given a calendar with 10 bookings, when the groomer imports it, then 10 bookings appear within 1 minute.',
    '',
    '### FR-2 (P0): Texting owners a reminder',
    '- Acceptance: Given a booking tomorrow, when the reminder job runs at 9:00, then the owner gets one text.',
  ].join('\n'),
  non_goals: '- Payments.',
  mvp_scope: '- **In (P0):** FR-1, FR-2.',
  competitive_landscape: '- [ASSUMPTION] Today groomers use paper diaries.',
  success_metrics: [
    '- **SM-1:** [ASSUMPTION] No-shows per groomer: down 50% within 3 months.',
    '  - Counter-metric: owners who opt out of texts per month.',
  ].join('\n'),
  go_to_market: '- [ASSUMPTION] Pricing: £9 a month.',
  risks: '- [ASSUMPTION] Owners find the texts annoying.',
  open_questions: [
    '- Nothing said yet covers metrics: owner product lead.',
    '- Nothing said yet covers go-to-market: owner founder.',
    '- Nothing said yet covers risks: owner product lead.',
  ].join('\n'),
};

const GOOD_CHART = [
  'flowchart TD',
  '  Start(["Groomer arrives"])',
  '  subgraph UJ1 [UJ-1: First session]',
  '    A["The groomer imports their calendar"] --> B["Owners get a text the day before"]',
  '  end',
  '  Start --> A',
].join('\n');

const COVERED: ThinkingLensStatus = { ...noLensCovered(), discovery: true, user_journey: true };

function input(overrides: Partial<ReviewInput> & { bodies?: Record<string, string> } = {}) {
  const { bodies = GOOD_BODIES, ...rest } = overrides;
  return {
    prd: assemblePrd('Groom', bodies, numberAnswers(rest.answers ?? ANSWERS), IDEA),
    flowchart: GOOD_CHART,
    lensStatus: COVERED,
    answers: ANSWERS,
    idea: IDEA,
    ...rest,
  };
}

function ids(review: ReturnType<typeof reviewPrd>): string[] {
  return review.findings.map((finding) => finding.id);
}

describe('reviewPrd', () => {
  it('scores a sound PRD 100 with no findings, and lists every check', () => {
    const review = reviewPrd(input());
    expect(review.findings).toEqual([]);
    expect(review.score).toBe(100);
    expect(review.checklist.map((item) => item.id)).toEqual([
      'sections',
      'requirements_named',
      'acceptance_testable',
      'acceptance_specific',
      'metrics_measurable',
      'no_duplicates',
      'journeys_flowchart',
      'assumptions_listed',
      'gaps_open',
      'lens_evidence',
      'answers_used',
    ]);
    expect(review.checklist.reduce((sum, item) => sum + item.max_points, 0)).toBe(100);
  });

  it('names each missing or empty section', () => {
    const review = reviewPrd(input({ prd: '# Groom\n\n## 1. Overview\n\nA tool.\n' }));
    expect(review.findings).toContainEqual({
      id: 'sections:go_to_market',
      severity: 'error',
      section: 'Go-to-Market',
      message: 'The section is missing.',
    });
    expect(
      reviewPrd(input({ bodies: { ...GOOD_BODIES, go_to_market: '' } })).findings,
    ).toContainEqual(
      expect.objectContaining({ id: 'sections:go_to_market', message: 'The section is empty.' }),
    );
  });

  it('wants a testable, specific criterion per requirement and features as titles', () => {
    const review = reviewPrd(
      input({
        bodies: {
          ...GOOD_BODIES,
          functional_requirements: [
            '### FR-1 (P0): Fills for mobile dog groomers',
            '- Acceptance: Given invalid input, when it is submitted, then the field is named.',
            '### FR-2 (P1): Texting owners a reminder',
            '- Acceptance: Given invalid input, when it is submitted, then the field is named.',
            '### FR-3 (P1): Mobile groomers who lose two bookings a week to owners…',
            '- The tool is fast.',
          ].join('\n'),
        },
      }),
    );
    expect(ids(review)).toEqual(
      expect.arrayContaining([
        'acceptance_testable:FR-3',
        'acceptance_specific:FR-1',
        'acceptance_specific:FR-2',
        'requirements_named:FR-1',
        'requirements_named:FR-3',
      ]),
    );
    expect(ids(review)).not.toContain('requirements_named:FR-2');
    const testable = review.checklist.find((item) => item.id === 'acceptance_testable');
    expect(testable).toMatchObject({ ok: false, passed: 2, total: 3, points: 10 });
  });

  it('wants a number, a timeframe and a counter-metric for each success metric', () => {
    const review = reviewPrd(
      input({
        bodies: {
          ...GOOD_BODIES,
          success_metrics: `${GOOD_BODIES.success_metrics}\n- **SM-2:** Happier groomers.`,
        },
      }),
    );
    expect(review.findings).toContainEqual({
      id: 'metrics_measurable:SM-2',
      severity: 'warning',
      section: 'Success Metrics',
      message: 'SM-2 has no number, no timeframe, no counter-metric.',
    });
  });

  it('finds near-duplicate requirements and text pasted into two sections', () => {
    const pasted = 'Mobile groomers who lose two bookings a week to owners who forget';
    const review = reviewPrd(
      input({
        bodies: {
          ...GOOD_BODIES,
          functional_requirements: `${GOOD_BODIES.functional_requirements}\n\n### FR-3 (P1): Texting the owners a reminder\n- Acceptance: Given a booking, when it is due, then a text goes out within 1 minute.`,
          risks: `- ${pasted}.`,
        },
      }),
    );
    expect(ids(review)).toEqual(
      expect.arrayContaining(['no_duplicates:FR-2-FR-3', 'no_duplicates:problem-risks']),
    );
  });

  it("reads a requirement's name quoted in another section as a reference, not pasted text", () => {
    const title = 'Importing the groomer calendar from Google and Outlook in one step';
    const bodies = {
      ...GOOD_BODIES,
      functional_requirements: GOOD_BODIES.functional_requirements.replace(
        'Importing the groomer calendar',
        title,
      ),
      mvp_scope: `- **In (P0):** FR-1 ${title}, FR-2.`,
    };
    expect(ids(reviewPrd(input({ bodies })))).not.toContainEqual(
      expect.stringMatching(/^no_duplicates:/),
    );
  });

  it('gives the same review in steps, handing the event loop back between them', async () => {
    const huge = input({
      bodies: {
        ...GOOD_BODIES,
        functional_requirements: Array.from(
          { length: 300 },
          (_, index) =>
            `### FR-${index + 1} (P1): Texting owners reminder number ${index}\n- Acceptance: Given a, when b, then c.`,
        ).join('\n'),
      },
    });
    let turns = 0;
    const counting = setInterval(() => (turns += 1), 0);
    const stepped = await reviewPrdInSteps(huge);
    clearInterval(counting);
    expect(stepped).toEqual(reviewPrd(huge));
    expect(turns).toBeGreaterThan(0);
  });

  it('checks journeys against the flowchart both ways, and that it parses', () => {
    const stray = `${GOOD_CHART}\n  X["Admin exports invoices"] --> Y["Accountant files them"]`;
    const missing = 'flowchart TD\n  Start(["Groomer"]) --> Z["Something else"]';
    expect(ids(reviewPrd(input({ flowchart: stray })))).toContain('journeys_flowchart:path:X->Y');
    expect(ids(reviewPrd(input({ flowchart: missing })))).toContain('journeys_flowchart:UJ-1');
    expect(reviewPrd(input({ flowchart: 'graph TD\n  A[unclosed' })).findings).toContainEqual(
      expect.objectContaining({ id: 'journeys_flowchart:parse', section: 'Flowchart' }),
    );
  });

  it('flags a lens marked covered without evidence, and an uncovered lens left unmarked', () => {
    const lensStatus = { ...COVERED, gtm: true };
    const review = reviewPrd(
      input({
        lensStatus,
        bodies: {
          ...GOOD_BODIES,
          risks: '- Owners find the texts annoying.',
          open_questions: '- None.',
        },
      }),
    );
    expect(review.findings).toContainEqual({
      id: 'lens_evidence:gtm',
      severity: 'error',
      section: 'Competitive Landscape',
      message: 'The go-to-market lens is marked covered, but no answer addresses it.',
    });
    expect(ids(review)).toEqual(expect.arrayContaining(['gaps_open:risks', 'gaps_open:metrics']));
  });

  it('reviews the PRD the old drafter wrote from one pasted sentence: the findings that matter', () => {
    const prd = readFileSync(join(FIXTURES, 'physio-pasted.prd.md'), 'utf8');
    const flowchart = readFileSync(join(FIXTURES, 'physio-pasted.flowchart.mmd'), 'utf8');
    const answers = [...prd.matchAll(/^\| A-\d+ \| (\w+) \| (.+?) \| (.+?) \| .* \|$/gm)].map(
      ([, lens, question, answer]) => ({ lens: lens as ThinkingLens, question, answer }),
    );
    expect(answers).toHaveLength(7);
    const review = reviewPrd({
      prd,
      flowchart,
      answers,
      idea:
        'A scheduling assistant for independent physiotherapy clinics that fills last-minute ' +
        'cancellations by texting patients on a waitlist',
      lensStatus: { discovery: true, user_journey: true, metrics: true, gtm: true, risks: true },
    });
    expect(review.score).toBeLessThan(60);
    expect(ids(review)).toEqual(
      expect.arrayContaining([
        'lens_evidence:user_journey',
        'lens_evidence:metrics',
        'lens_evidence:gtm',
        'lens_evidence:risks',
        'requirements_named:FR-4',
        'no_duplicates:FR-4-FR-5',
        'no_duplicates:overview-problem',
        'answers_used:A-5',
      ]),
    );
    expect(ids(review)).not.toContain('lens_evidence:discovery');
    expect(review.findings.find((f) => f.id === 'answers_used:A-5')?.message).toMatch(
      /^A-5 is pasted into \d+ sections/,
    );
  });

  it('stays bounded on a huge PRD: capped blocks, capped findings, same answer twice', () => {
    const many = Array.from(
      { length: 5_000 },
      (_, index) =>
        `### FR-${index + 1} (P1): Texting owners reminder number ${index % 7}\n- Acceptance: Given a, when b, then c.`,
    ).join('\n');
    const huge = input({ bodies: { ...GOOD_BODIES, functional_requirements: many } });
    const review = reviewPrd(huge);
    const named = review.checklist.find((item) => item.id === 'requirements_named');
    expect(named?.total).toBe(200);
    expect(
      review.findings.filter((f) => f.id.startsWith('no_duplicates:')).length,
    ).toBeLessThanOrEqual(12);
    expect(reviewPrd(huge)).toEqual(review);
  });
});
