import type { ReviewFinding } from '@/domain/version-review';
import { reviewPrd } from '../review/review-prd';
import { fixSection } from './section-fixes';

const IDEA = 'A booking tool for dog groomers that texts owners a reminder the day before';

function aFinding(id: string, section: string, message = `${id} needs work.`): ReviewFinding {
  return { id, severity: 'warning', section, message };
}

describe('fixSection: the offline drafter fixes what the review found', () => {
  it('writes two testable criteria for a requirement without one, and leaves the others', () => {
    const body = [
      '### FR-1 (P0): Booking a grooming slot (from A-2)',
      '- Owners pick a slot.',
      '',
      '### FR-2 (P1): Texting owners a reminder',
      '- Acceptance: Given a booking tomorrow, when the job runs, then the owner gets one text.',
    ].join('\n');
    const fixed = fixSection(
      'functional_requirements',
      body,
      [aFinding('acceptance_testable:FR-1', 'Functional Requirements')],
      IDEA,
    );
    const lines = fixed.split('\n');
    expect(lines.slice(0, 2)).toEqual(body.split('\n').slice(0, 2));
    const criteria = lines.slice(2, lines.indexOf(''));
    expect(criteria).toHaveLength(2);
    for (const criterion of criteria) {
      expect(criterion).toMatch(/^- Acceptance: Given .+, when .+, then .+/);
      expect(criterion).toMatch(/grooming slot/);
    }
    expect(fixed.endsWith(body.split('\n').slice(2).join('\n'))).toBe(true);
  });

  it('replaces boilerplate criteria with criteria for what the requirement does', () => {
    const shared = '- Acceptance: Given a user, when they use it, then it works.';
    const body = [
      '### FR-1 (P0): Booking a grooming slot',
      shared,
      '',
      '### FR-2 (P1): Texting owners a reminder',
      shared,
    ].join('\n');
    const fixed = fixSection(
      'functional_requirements',
      body,
      [aFinding('acceptance_specific:FR-2', 'Functional Requirements')],
      IDEA,
    );
    const [first, second] = fixed.split(/\n(?=### FR-2)/);
    expect(first).toBe(`### FR-1 (P0): Booking a grooming slot\n${shared}\n`);
    expect(second).not.toContain(shared);
    expect(second.split('\n').filter((line) => line.startsWith('- Acceptance:'))).toHaveLength(2);
  });

  it('gives a metric the number, timeframe and counter-metric it lacks', () => {
    const body = [
      '- **SM-1:** Weekly bookings per groomer',
      '  - Target: 30 within 3 months',
      '- **SM-2:** No-shows drop',
    ].join('\n');
    const fixed = fixSection(
      'success_metrics',
      body,
      [
        aFinding('metrics_measurable:SM-1', 'Success Metrics', 'SM-1 has no counter-metric.'),
        aFinding(
          'metrics_measurable:SM-2',
          'Success Metrics',
          'SM-2 has no number, no timeframe, no counter-metric.',
        ),
      ],
      IDEA,
    );
    expect(fixed.split('\n')).toEqual([
      '- **SM-1:** Weekly bookings per groomer',
      '  - Target: 30 within 3 months',
      '  - Counter-metric: complaints, opt-outs or refunds it causes per month.',
      '- **SM-2:** No-shows drop',
      '  - Target: [ASSUMPTION] 20% better than before launch within 3 months.',
      '  - Counter-metric: complaints, opt-outs or refunds it causes per month.',
    ]);
  });

  it('marks an uncovered lens: an assumption in its section, a question in the open questions', () => {
    const gap = aFinding('gaps_open:gtm', 'Open Questions');
    expect(fixSection('go_to_market', '- Sell online', [gap], IDEA)).toBe(
      '- Sell online\n- [ASSUMPTION] No answer covers go-to-market yet: a working guess.',
    );
    expect(fixSection('open_questions', '_None yet._', [gap], IDEA)).toBe(
      '- Nothing said yet covers go-to-market: who decides it, and by when?',
    );
  });

  it('adds no second assumption to a section that has one, nor a question already asked', () => {
    const gap = aFinding('gaps_open:gtm', 'Open Questions');
    const marked = '- [ASSUMPTION] Sold through groomer associations';
    expect(fixSection('go_to_market', marked, [gap], IDEA)).toBe(marked);
    const asked = fixSection('open_questions', '_None yet._', [gap], IDEA);
    expect(fixSection('open_questions', asked, [gap], IDEA)).toBe(asked);
  });

  it('asks which assumption is riskiest when the open questions ignore the assumptions', () => {
    const unlisted = aFinding('assumptions_listed:open_questions', 'Open Questions');
    expect(fixSection('open_questions', '- Who pays for SMS?', [unlisted], IDEA)).toBe(
      '- Who pays for SMS?\n- Which assumption above is the riskiest, and who checks it before launch?',
    );
  });

  it('leaves metrics without a finding, and a metrics section without metric findings, as they were', () => {
    const body = '- **SM-1:** Weekly bookings per groomer\n- **SM-2:** No-shows drop';
    const gap = aFinding('gaps_open:metrics', 'Success Metrics');
    expect(fixSection('success_metrics', body, [gap], IDEA)).toBe(
      `${body}\n- [ASSUMPTION] No answer covers metrics yet: a working guess.`,
    );
    const timeframe = aFinding(
      'metrics_measurable:SM-2',
      'Success Metrics',
      'SM-2 has no timeframe.',
    );
    expect(fixSection('success_metrics', body, [timeframe], IDEA).split('\n')).toEqual([
      '- **SM-1:** Weekly bookings per groomer',
      '- **SM-2:** No-shows drop',
      '  - Target: [ASSUMPTION] 20% better than before launch within 3 months.',
    ]);
  });

  it('writes criteria for a requirement whose title names no feature it can read', () => {
    const fixed = fixSection(
      'functional_requirements',
      '### FR-1 (P1): Miscellaneous\n- Odds and ends.',
      [aFinding('acceptance_testable:FR-1', 'Functional Requirements')],
      IDEA,
    );
    // Read as something the audience manages.
    expect(fixed.split('\n')).toEqual([
      '### FR-1 (P1): Miscellaneous',
      '- Odds and ends.',
      '- Acceptance: Given a groomer signed in, when they use miscellaneous with valid input, then the change is saved and shown within 2 seconds.',
      '- Acceptance: Given invalid input for miscellaneous, when it is submitted, then nothing is saved and the field to fix is named.',
    ]);
  });

  it('fills an empty section with a marked assumption', () => {
    const fixed = fixSection('risks', '_None yet._', [aFinding('sections:risks', 'Risks')], IDEA);
    expect(fixed).toMatch(/^- \[ASSUMPTION\] Not written yet: /);
  });

  it('leaves a section as it was for findings it cannot fix without a model', () => {
    const body = '### FR-1 (P0): Booking\n- Owners pick a slot.';
    expect(
      fixSection(
        'functional_requirements',
        body,
        [aFinding('requirements_named:FR-1', 'Functional Requirements')],
        IDEA,
      ),
    ).toBe(body);
  });

  it('clears the findings it fixes from a fresh review of the section', () => {
    const body = '### FR-1 (P0): Booking a grooming slot\n- Owners pick a slot.';
    const prd = (fr: string) => `# Groomers\n\n## 7. Functional Requirements\n\n${fr}\n`;
    const input = (fr: string) => ({
      prd: prd(fr),
      flowchart: '',
      lensStatus: { discovery: true, user_journey: true, metrics: true, gtm: true, risks: true },
      answers: [],
      idea: IDEA,
    });
    const ids = (fr: string) => reviewPrd(input(fr)).findings.map((finding) => finding.id);
    expect(ids(body)).toContain('acceptance_testable:FR-1');
    const fixed = fixSection(
      'functional_requirements',
      body,
      [aFinding('acceptance_testable:FR-1', 'Functional Requirements')],
      IDEA,
    );
    expect(ids(fixed)).not.toContain('acceptance_testable:FR-1');
    expect(ids(fixed)).not.toContain('acceptance_specific:FR-1');
  });
});
