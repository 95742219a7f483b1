import type { ThinkingLens } from '@/domain/thinking-lenses';
import type { ReviewFinding } from '@/domain/version-review';
import { ASSUMPTION_TAG } from '../prd/prd-document';
import { sectionById } from '../prd/prd-sections';
import { blocksOf } from '../review/prd-outline';
import { gapLens } from '../review/review-fixes';
import { FeatureDraft, featuresIn, featuresNamed } from './features';
import { lowerFirst, readIdea } from './idea-reading';
import { criteriaFor, voiceOf } from './requirement-text';

/** A body, or a line, that says nothing: "", "_None yet._", "- None.", "None so far". */
const PLACEHOLDER = /^(_none yet\._|-?\s*none\b[^\n]*)?$/i;
const CRITERION = /^\s*(?:[-*]\s*)?(?:\*\*)?(acceptance|ac-?\d*\b|given\b|scenario)/i;
const COUNTER_METRIC = '  - Counter-metric: complaints, opt-outs or refunds it causes per month.';
const TARGET = `  - Target: ${ASSUMPTION_TAG} 20% better than before launch within 3 months.`;
const LENS_NAMES: Record<ThinkingLens, string> = {
  discovery: 'discovery (who has the problem)',
  user_journey: 'user journey',
  metrics: 'metrics',
  gtm: 'go-to-market',
  risks: 'risks',
};

/**
 * The offline drafter's fixes for review findings in one section, deterministic and additive:
 * a requirement without a testable criterion gets two written for what it does (and one whose
 * criteria are boilerplate gets those instead); a metric without a counter-metric, a number or
 * a timeframe gets them; an empty section gets a marked assumption; an uncovered lens gets an
 * [ASSUMPTION] line in its section and an open question; open questions that say "none" while
 * there are gaps get one. Findings it cannot fix without a model (duplicates, naming, evidence,
 * the critique's) leave the text as it was.
 */
export function fixSection(
  id: string,
  body: string,
  findings: readonly ReviewFinding[],
  idea: string,
): string {
  let text = body.trim();
  const subjects = (check: string) =>
    findings.filter((finding) => finding.id.startsWith(`${check}:`)).map(subjectOf);
  if (subjects('sections').includes(id) && PLACEHOLDER.test(text)) {
    const section = sectionById(id);
    text = `- ${ASSUMPTION_TAG} Not written yet: ${lowerFirst(section?.brief ?? 'to be decided.')}`;
  }
  if (id === 'functional_requirements') {
    text = withCriteria(
      text,
      subjects('acceptance_testable'),
      subjects('acceptance_specific'),
      idea,
    );
  }
  if (id === 'success_metrics') {
    const metrics = findings.filter((finding) => finding.id.startsWith('metrics_measurable:'));
    text = withMeasures(text, metrics);
  }
  const gaps = findings
    .map(gapLens)
    .filter((lens): lens is ThinkingLens => lens !== null)
    .filter((lens, index, all) => all.indexOf(lens) === index);
  for (const lens of gaps) {
    if (id === 'open_questions') text = withLine(text, openQuestion(lens));
    else if (!text.includes(ASSUMPTION_TAG)) text = withLine(text, assumedLine(lens));
  }
  if (id === 'open_questions' && subjects('assumptions_listed').includes('open_questions')) {
    text = withLine(
      text,
      '- Which assumption above is the riskiest, and who checks it before launch?',
    );
  }
  return text;
}

/** FR-n blocks get two criteria written for what the requirement does. */
function withCriteria(
  body: string,
  untestable: readonly string[],
  boilerplate: readonly string[],
  idea: string,
): string {
  if (untestable.length === 0 && boilerplate.length === 0) return body;
  const { product, audience } = readIdea(idea);
  const voice = voiceOf(product, audience);
  const lines = body.split('\n');
  // From the last block up, so earlier blocks' line numbers stay right.
  for (const block of blocksOf(body, 'requirement').reverse()) {
    const replace = boilerplate.includes(block.id);
    if (!replace && !untestable.includes(block.id)) continue;
    const criteria = criteriaFor(featureOf(block.title, audience), voice).map(
      (criterion) => `- Acceptance: ${criterion}`,
    );
    const own = lines.slice(block.start + 1, block.end);
    const kept = replace ? own.filter((line) => !CRITERION.test(line)) : own;
    const trailing = kept.length - [...kept].reverse().findIndex((line) => line.trim() !== '');
    const content = kept.some((line) => line.trim() !== '') ? kept.slice(0, trailing) : [];
    const blank = block.end < lines.length ? [''] : [];
    lines.splice(block.start + 1, block.end - block.start - 1, ...content, ...criteria, ...blank);
  }
  return lines.join('\n');
}

/** SM-n blocks get what the review said they lack: a counter-metric, a number and a timeframe. */
function withMeasures(body: string, findings: readonly ReviewFinding[]): string {
  if (findings.length === 0) return body;
  const lines = body.split('\n');
  for (const block of blocksOf(body, 'metric').reverse()) {
    const finding = findings.find((candidate) => subjectOf(candidate) === block.id);
    if (!finding) continue;
    const added = [
      /\bno (number|timeframe)\b/.test(finding.message) ? TARGET : null,
      /counter-metric/.test(finding.message) ? COUNTER_METRIC : null,
    ].filter((line): line is string => line !== null);
    let at = block.end;
    while (at > block.start + 1 && lines[at - 1].trim() === '') at -= 1;
    lines.splice(at, 0, ...added);
  }
  return lines.join('\n');
}

function featureOf(title: string, audience: string | null): FeatureDraft {
  return (
    featuresIn(title, audience)[0] ??
    featuresNamed(`, with ${title}`)[0] ?? {
      title,
      verb: null,
      object: lowerFirst(title),
      condition: null,
      kind: 'manage',
    }
  );
}

function assumedLine(lens: ThinkingLens): string {
  return `- ${ASSUMPTION_TAG} No answer covers ${LENS_NAMES[lens]} yet: a working guess.`;
}

function openQuestion(lens: ThinkingLens): string {
  return `- Nothing said yet covers ${LENS_NAMES[lens]}: who decides it, and by when?`;
}

/** Appends a line; a body that says nothing ("_None yet._", "- None.") gives way to it. */
function withLine(body: string, line: string): string {
  if (body.includes(line)) return body;
  const kept = body
    .split('\n')
    .filter((existing) => !PLACEHOLDER.test(existing.trim()) || existing.trim() === '');
  return [...kept, line].join('\n').trim();
}

function subjectOf(finding: ReviewFinding): string {
  return finding.id.slice(finding.id.indexOf(':') + 1);
}
