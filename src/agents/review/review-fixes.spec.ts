import type { ReviewFinding } from '@/domain/version-review';
import { findingsOf, isReviewFixRequest, planFixes } from './review-fixes';

function aFinding(id: string, section: string): ReviewFinding {
  return { id, severity: 'warning', section, message: `${id} needs work.` };
}

describe('isReviewFixRequest', () => {
  it.each([
    'fix the review findings',
    'Please fix the review findings',
    'Address the findings from the review.',
    'resolve the critique issues',
    "Can you work through the checklist's warnings and tidy up",
    'Fix the review',
    'apply the latest review of v1.2',
    'FIX ALL FINDINGS',
    'Sort out the review comments, thanks! 🙏',
  ])('reads "%s" as a request to fix the review findings', (message) => {
    expect(isReviewFixRequest(message)).toBe(true);
  });

  it.each([
    'Add payment processing requirements with refunds',
    'Handle customer reviews and ratings on the profile page',
    'Fix the review flow for moderators',
    'Add a review step before publishing',
    'Show the findings of the user research. Then fix typos.',
    'Review the metrics',
    '',
  ])('reads "%s" as an ordinary change request', (message) => {
    expect(isReviewFixRequest(message)).toBe(false);
  });

  it('reads only the start of a long message, in bounded time', () => {
    expect(isReviewFixRequest(`${'fix '.repeat(50_000)}the findings`)).toBe(false);
    expect(isReviewFixRequest(`fix the findings ${'x'.repeat(1_000_000)}`)).toBe(true);
  });
});

describe('planFixes', () => {
  it('groups findings by the section they name, in PRD order, and flags the flowchart', () => {
    const metric = aFinding('metrics_measurable:SM-1', 'Success Metrics');
    const criteria = aFinding('acceptance_testable:FR-1', 'Functional Requirements');
    const journey = aFinding('journeys_flowchart:UJ-3', 'Flowchart');
    const plan = planFixes([metric, criteria, journey]);
    expect([...plan.sections.entries()]).toEqual([
      ['functional_requirements', [criteria]],
      ['success_metrics', [metric]],
    ]);
    expect(plan.redrawFlowchart).toBe(true);
  });

  it('fixes an unmarked gap in its lens section and the open questions', () => {
    const gap = aFinding('gaps_open:metrics', 'Open Questions');
    const plan = planFixes([gap]);
    expect([...plan.sections.keys()]).toEqual(['success_metrics', 'open_questions']);
    expect(plan.sections.get('success_metrics')).toEqual([gap]);
    expect(plan.redrawFlowchart).toBe(false);
  });

  it('leaves out the clarifications log and sections the PRD does not have', () => {
    const plan = planFixes([
      aFinding('answers_used:A-2', 'Clarifications Log'),
      aFinding('critique:x', 'Appendix'),
    ]);
    expect(plan.sections.size).toBe(0);
    expect(plan.redrawFlowchart).toBe(false);
  });
});

describe('findingsOf', () => {
  it("lists the checklist's findings, then the critique's", () => {
    const checklist = aFinding('sections:risks', 'Risks and Mitigations');
    const critique = aFinding('critique:1', 'Overview');
    expect(
      findingsOf({
        score: 80,
        checklist: [],
        findings: [checklist],
        critique: { summary: 'ok', findings: [critique], provider: 'p', model: 'm' },
        critique_status: 'complete',
        critique_error: null,
        reviewed_at: '2026-01-01T00:00:00.000Z',
      }),
    ).toEqual([checklist, critique]);
  });
});
