import { setImmediate as nextTurn } from 'node:timers/promises';
import { classifyAnswers, numberAnswers } from '../answers';
import {
  checkAcceptanceSpecific,
  checkAcceptanceTestable,
  checkAnswersUsed,
  checkAssumptionsListed,
  checkDuplicates,
  checkGapsOpen,
  checkJourneysFlowchart,
  checkLensEvidence,
  checkMetrics,
  checkRequirementNames,
  checkSections,
  ReviewContext,
} from './checks';
import { outlinePrd } from './prd-outline';
import type {
  CheckId,
  CheckResult,
  ChecklistItem,
  PrdReview,
  ReviewFinding,
  ReviewInput,
} from './review.types';

interface Check {
  readonly id: CheckId;
  readonly label: string;
  readonly points: number;
  readonly run: (context: ReviewContext) => CheckResult;
}

/** The checklist, worth 100 points together; the weights say what matters most to a reader. */
const CHECKLIST: readonly Check[] = [
  { id: 'sections', label: 'Every section present', points: 10, run: checkSections },
  {
    id: 'requirements_named',
    label: 'Requirements named as features',
    points: 5,
    run: checkRequirementNames,
  },
  {
    id: 'acceptance_testable',
    label: 'Each FR has a testable acceptance criterion',
    points: 15,
    run: checkAcceptanceTestable,
  },
  {
    id: 'acceptance_specific',
    label: 'Acceptance criteria specific to their FR',
    points: 10,
    run: checkAcceptanceSpecific,
  },
  {
    id: 'metrics_measurable',
    label: 'Each SM has a number, a timeframe and a counter-metric',
    points: 10,
    run: checkMetrics,
  },
  {
    id: 'no_duplicates',
    label: 'No duplicate requirements or pasted text',
    points: 10,
    run: checkDuplicates,
  },
  {
    id: 'journeys_flowchart',
    label: 'Journeys and flowchart match',
    points: 10,
    run: checkJourneysFlowchart,
  },
  {
    id: 'assumptions_listed',
    label: 'Assumptions and open questions listed',
    points: 5,
    run: checkAssumptionsListed,
  },
  {
    id: 'gaps_open',
    label: 'Uncovered lenses marked as assumptions and asked',
    points: 5,
    run: checkGapsOpen,
  },
  {
    id: 'lens_evidence',
    label: 'Each covered lens backed by evidence',
    points: 15,
    run: checkLensEvidence,
  },
  { id: 'answers_used', label: 'Each answer used once', points: 5, run: checkAnswersUsed },
];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The deterministic review of one version: a checklist scored 0-100 and findings naming the
 * section to fix. Pure and bounded (inputs are capped, similarity is indexed, not pairwise), so
 * it can run on every save and on any stored version.
 */
export function reviewPrd(input: ReviewInput): PrdReview {
  const steps = reviewSteps(input);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * reviewPrd, handing the event loop back between its steps (the outline, the answers, each
 * check), so reviewing a long PRD on a server never holds other requests up for the whole
 * review, only for its longest step.
 */
export async function reviewPrdInSteps(input: ReviewInput): Promise<PrdReview> {
  const steps = reviewSteps(input);
  let step = steps.next();
  while (!step.done) {
    await nextTurn();
    step = steps.next();
  }
  return step.value;
}

function* reviewSteps(input: ReviewInput): Generator<void, PrdReview> {
  const answers = numberAnswers(input.answers);
  const outline = outlinePrd(input.prd);
  yield;
  const context: ReviewContext = {
    input,
    outline,
    answers,
    uses: classifyAnswers(answers, input.idea),
  };
  const checklist: ChecklistItem[] = [];
  const findings: ReviewFinding[] = [];
  for (const check of CHECKLIST) {
    yield;
    const outcome = check.run(context);
    const ratio = outcome.total === 0 ? 1 : outcome.passed / outcome.total;
    checklist.push({
      id: check.id,
      label: check.label,
      ok: outcome.passed === outcome.total,
      passed: outcome.passed,
      total: outcome.total,
      points: Math.round(check.points * ratio * 10) / 10,
      max_points: check.points,
    });
    findings.push(...outcome.findings);
  }
  const score = Math.round(checklist.reduce((sum, item) => sum + item.points, 0));
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { score, findings, checklist };
}
