import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';
import { AnswerUse, coverageOf, NumberedAnswer } from '../answers';
import { prdStatesLens, sectionsOfLens } from '../lens-status';
import { isThirdPerson } from '../prd/feature-words';
import { ASSUMPTION_TAG } from '../prd/prd-document';
import { PRD_SECTIONS, sectionById } from '../prd/prd-sections';
import { flowchartCoverage } from './flowchart-coverage';
import type { PrdOutline } from './prd-outline';
import type { CheckResult, FindingSeverity, ReviewFinding, ReviewInput } from './review.types';
import { nearDuplicates, sharedPassages, withoutNames } from './similarity';

/** What every check may read: the input, its outline, the answers numbered and classified. */
export interface ReviewContext {
  readonly input: ReviewInput;
  readonly outline: PrdOutline;
  readonly answers: readonly NumberedAnswer[];
  readonly uses: readonly AnswerUse[];
}

const PLACEHOLDER = '_None yet._';
const TESTABLE = /\bgiven\b[^\n]{1,400}?\bwhen\b[^\n]{1,400}?\bthen\b/i;
const CRITERION = /^(?:[-*]\s*)?(?:\*\*)?(acceptance|ac-?\d*\b|given\b|scenario)/i;
const TIMEFRAME =
  /\b(\d+\s*(hours?|days?|weeks?|months?|quarters?|years?)|(per|a|each|every) (day|week|month|quarter|year)|daily|weekly|monthly|quarterly|yearly|annual(ly)?|within|by (launch|the end)|after launch|(first|second|third) (day|week|month|quarter|year))\b/i;
const NUMBER = /\d|\b(half|double|twice|triple|zero|none|one|two|three|four|five|ten)\b/i;
const COUNTER = /counter[- ]?metric\**\s*:?\**\s*[\p{L}\d]/iu;
const DUPLICATE_TITLES = 0.75;
const TITLE_WORDS = 12;
/** "Fills for clinics", "Scheduling for clinics": one word and who it is for names no feature. */
const ONE_WORD_FOR = /^\S+\s+(for|to|by|with)\s/i;
const PASTED_WORDS = 8;
const LENS_WORDS: Record<ThinkingLens, RegExp> = {
  discovery: /\b(discovery|problem|who|audience|users?)\b/i,
  user_journey: /\b(journeys?|flows?|first session|onboarding|steps?|user journey)\b/i,
  metrics: /\b(metrics?|measur\w*|success|kpis?|targets?)\b/i,
  gtm: /\b(go[- ]to[- ]market|gtm|pric\w*|channels?|launch\w*|market\w*)\b/i,
  risks: /\b(risks?|regulat\w*|complian\w*|privacy|trust)\b/i,
};

export function checkSections({ outline }: ReviewContext): CheckResult {
  const findings: ReviewFinding[] = [];
  for (const section of PRD_SECTIONS) {
    const body = outline.bodies[section.id];
    if (body === undefined) {
      findings.push(
        finding('sections', section.id, 'error', section.title, 'The section is missing.'),
      );
    } else if (body.trim() === '' || body.trim() === PLACEHOLDER) {
      findings.push(
        finding('sections', section.id, 'error', section.title, 'The section is empty.'),
      );
    }
  }
  return result(PRD_SECTIONS.length, findings);
}

export function checkRequirementNames({ outline, answers, input }: ReviewContext): CheckResult {
  const findings: ReviewFinding[] = [];
  const idea = normalise(input.idea);
  // "Scheduling for independent clinics", "Fills for clinics": one word (a bare verb, or a word
  // of the idea) and who it is for.
  const oneWordFor = (title: string) => {
    const match = ONE_WORD_FOR.exec(title);
    if (match === null) return false;
    const bareVerb = isThirdPerson(title.split(/\s+/)[0]);
    return bareVerb || idea.includes(normalise(title.slice(match[0].length - 1)));
  };
  const openings = answers
    .filter((answer) => answer.answered)
    .map((answer) => words(answer.answer).slice(0, 6).join(' '));
  for (const requirement of outline.requirements) {
    const title = requirement.title;
    const titleWords = words(title);
    const problem =
      titleWords.length === 0
        ? 'has no title'
        : /(…|\.\.\.)$/.test(title)
          ? `"${title}" is cut off`
          : titleWords.length === 1 || oneWordFor(title)
            ? `"${title}" names one word, not a feature`
            : titleWords.length > TITLE_WORDS
              ? `"${clip(title)}" reads as a sentence, not a feature name`
              : titleWords.length >= 6 && openings.includes(titleWords.slice(0, 6).join(' '))
                ? `"${clip(title)}" is an answer pasted as a title`
                : null;
    if (problem) {
      findings.push(
        finding(
          'requirements_named',
          requirement.id,
          'warning',
          title_('functional_requirements'),
          `${requirement.id} ${problem}.`,
        ),
      );
    }
  }
  return result(outline.requirements.length, findings);
}

export function checkAcceptanceTestable({ outline }: ReviewContext): CheckResult {
  const section = title_('functional_requirements');
  if (outline.requirements.length === 0) {
    return result(1, [
      finding('acceptance_testable', 'none', 'error', section, 'No FR-n requirements were found.'),
    ]);
  }
  const findings = outline.requirements
    .filter((requirement) => !requirement.lines.some((line) => TESTABLE.test(line)))
    .map((requirement) =>
      finding(
        'acceptance_testable',
        requirement.id,
        'error',
        section,
        `${requirement.id} has no testable acceptance criterion (Given … when … then …).`,
      ),
    );
  return result(outline.requirements.length, findings);
}

/** A criterion shared word for word (once the requirement's own title is taken out) is boilerplate. */
export function checkAcceptanceSpecific({ outline }: ReviewContext): CheckResult {
  const criteriaOf = outline.requirements.map((requirement) =>
    requirement.lines
      .filter((line) => CRITERION.test(line) || TESTABLE.test(line))
      .map((line) => normalise(line.split(requirement.title).join(' ')))
      .filter((line) => line !== ''),
  );
  const owners = new Map<string, number>();
  for (const criteria of criteriaOf) {
    for (const criterion of new Set(criteria))
      owners.set(criterion, (owners.get(criterion) ?? 0) + 1);
  }
  const findings: ReviewFinding[] = [];
  outline.requirements.forEach((requirement, index) => {
    const criteria = criteriaOf[index];
    if (criteria.length > 0 && criteria.every((criterion) => (owners.get(criterion) ?? 0) > 1)) {
      findings.push(
        finding(
          'acceptance_specific',
          requirement.id,
          'warning',
          title_('functional_requirements'),
          `${requirement.id}'s acceptance criteria are the same as other requirements'; make them specific to it.`,
        ),
      );
    }
  });
  return result(outline.requirements.length, findings);
}

export function checkMetrics({ outline }: ReviewContext): CheckResult {
  const section = title_('success_metrics');
  if (outline.metrics.length === 0) {
    return result(1, [
      finding(
        'metrics_measurable',
        'none',
        'error',
        section,
        'No SM-n success metrics were found.',
      ),
    ]);
  }
  const findings: ReviewFinding[] = [];
  for (const metric of outline.metrics) {
    const text = metric.text.replace(/\bSM-\d+\b/g, '').replace(/\bA-\d+\b/g, '');
    const missing = [
      NUMBER.test(text) ? null : 'a number',
      TIMEFRAME.test(text) ? null : 'a timeframe',
      COUNTER.test(text) ? null : 'a counter-metric',
    ].filter((part): part is string => part !== null);
    if (missing.length > 0) {
      findings.push(
        finding(
          'metrics_measurable',
          metric.id,
          'warning',
          section,
          `${metric.id} has no ${missing.join(', no ').replace(/\ba /g, '')}.`,
        ),
      );
    }
  }
  return result(outline.metrics.length, findings);
}

export function checkDuplicates({ outline }: ReviewContext): CheckResult {
  const findings: ReviewFinding[] = [];
  const duplicated = new Set<string>();
  const pairs = nearDuplicates(
    outline.requirements.map((requirement) => ({ id: requirement.id, text: requirement.title })),
    DUPLICATE_TITLES,
  );
  for (const pair of pairs) {
    duplicated.add(pair.b);
    findings.push(
      finding(
        'no_duplicates',
        `${pair.a}-${pair.b}`,
        'warning',
        title_('functional_requirements'),
        `${pair.a} and ${pair.b} are near-duplicates (${Math.round(pair.similarity * 100)}% the same words).`,
      ),
    );
  }
  // Requirement and journey titles are names: repeating one ("FR-1 Filling cancellations") is a
  // reference, not pasted text.
  const names = [...outline.requirements, ...outline.journeys].map((block) => block.title);
  const drafted = draftedBodies(outline);
  const pasted = sharedPassages(withoutNames(drafted, names));
  const pastedSections = new Set(pasted.map((passage) => passage.sections[1]));
  for (const passage of pasted) {
    const [first, second] = passage.sections.map(title_);
    findings.push(
      finding(
        'no_duplicates',
        `${passage.sections[0]}-${passage.sections[1]}`,
        'error',
        second,
        `The same text is in ${first} and ${second} ("${passage.sample}…").`,
      ),
    );
  }
  const total = outline.requirements.length + Object.keys(drafted).length;
  return {
    passed: total - duplicated.size - pastedSections.size,
    total,
    findings: capped(findings),
  };
}

export function checkJourneysFlowchart({ input, outline }: ReviewContext): CheckResult {
  const section = title_('user_journeys');
  const coverage = flowchartCoverage(input.flowchart, outline.journeys);
  if (!coverage.parses) {
    const problem = coverage.problems[0];
    const where = problem ? ` (line ${problem.line}: ${problem.message})` : '';
    return result(
      2 + outline.journeys.length,
      [
        finding(
          'journeys_flowchart',
          'parse',
          'error',
          'Flowchart',
          `The flowchart does not parse${where}.`,
        ),
      ],
      2 + outline.journeys.length,
    );
  }
  const findings: ReviewFinding[] = [];
  if (outline.journeys.length === 0) {
    findings.push(
      finding('journeys_flowchart', 'none', 'error', section, 'No UJ-n journeys were found.'),
    );
  }
  for (const journey of coverage.missingJourneys) {
    findings.push(
      finding(
        'journeys_flowchart',
        journey.id,
        'error',
        'Flowchart',
        `${journey.id} (${journey.title}) is not in the flowchart.`,
      ),
    );
  }
  for (const path of coverage.orphanPaths.slice(0, 5)) {
    findings.push(
      finding(
        'journeys_flowchart',
        `path:${path.id}`,
        'warning',
        'Flowchart',
        `The path "${clip(path.label)}" belongs to no user journey.`,
      ),
    );
  }
  const total = 2 + Math.max(outline.journeys.length, 1);
  const failed =
    (outline.journeys.length === 0 ? 1 : coverage.missingJourneys.length) +
    (coverage.orphanPaths.length > 0 ? 1 : 0);
  return { passed: total - failed, total, findings };
}

export function checkAssumptionsListed({ outline, answers, input }: ReviewContext): CheckResult {
  const findings: ReviewFinding[] = [];
  if (outline.assumptionsListed < outline.assumptionLines) {
    findings.push(
      finding(
        'assumptions_listed',
        'index',
        'warning',
        title_('assumptions'),
        `${outline.assumptionLines} lines are tagged ${ASSUMPTION_TAG} but the index lists ${outline.assumptionsListed}.`,
      ),
    );
  }
  const open = (outline.bodies.open_questions ?? '').trim();
  const gaps =
    outline.assumptionLines > 0 ||
    answers.some((answer) => !answer.answered) ||
    THINKING_LENSES.some((lens) => !input.lensStatus[lens]);
  if (gaps && (open === '' || open === PLACEHOLDER || /^-?\s*none\b/i.test(open))) {
    findings.push(
      finding(
        'assumptions_listed',
        'open_questions',
        'warning',
        title_('open_questions'),
        'There are gaps but no open questions.',
      ),
    );
  }
  return result(2, findings);
}

/** Each lens left uncovered is marked: an [ASSUMPTION] in its sections and an open question. */
export function checkGapsOpen({ input, outline }: ReviewContext): CheckResult {
  const open = outline.bodies.open_questions ?? '';
  const gaps = THINKING_LENSES.filter((lens) => !input.lensStatus[lens]);
  const findings: ReviewFinding[] = [];
  for (const lens of gaps) {
    const assumed = sectionsOfLens(lens).some((id) =>
      (outline.bodies[id] ?? '').includes(ASSUMPTION_TAG),
    );
    const asked = LENS_WORDS[lens].test(open);
    if (!assumed || !asked) {
      const missing = [
        assumed ? null : `an ${ASSUMPTION_TAG} in its sections`,
        asked ? null : 'an open question',
      ];
      findings.push(
        finding(
          'gaps_open',
          lens,
          'warning',
          title_(asked ? sectionsOfLens(lens)[0] : 'open_questions'),
          `The ${lensName(lens)} lens is not covered, and the PRD has no ${missing.filter(Boolean).join(' and no ')} about it.`,
        ),
      );
    }
  }
  return result(gaps.length, findings);
}

/** A lens marked covered needs an answer (or upload) that addresses it, stated in its sections. */
export function checkLensEvidence({ input, outline, answers, uses }: ReviewContext): CheckResult {
  const coverage = coverageOf(answers, input.uploadsText ?? '', input.idea, uses);
  const covered = THINKING_LENSES.filter((lens) => input.lensStatus[lens]);
  const findings: ReviewFinding[] = [];
  for (const lens of covered) {
    const evidenced = coverage[lens] === 'clear';
    const stated = prdStatesLens(outline.bodies, lens);
    if (evidenced && stated) continue;
    const why = answers
      .map((answer, index) => (answer.lens === lens ? describeUse(answer, uses[index]) : ''))
      .filter((reason) => reason !== '')
      .slice(0, 3)
      .join('; ');
    findings.push(
      finding(
        'lens_evidence',
        lens,
        'error',
        title_(sectionsOfLens(lens)[0]),
        evidenced
          ? `The ${lensName(lens)} lens is marked covered, but its sections only hold assumptions.`
          : `The ${lensName(lens)} lens is marked covered, but no answer addresses it${why ? ` (${why})` : ''}.`,
      ),
    );
  }
  return result(covered.length, findings);
}

/** Each answer that counts is cited, and quoted in one section at most; repeats are not cited. */
export function checkAnswersUsed({ outline, answers, uses }: ReviewContext): CheckResult {
  const drafted = draftedBodies(outline);
  const cited = (id: string, sections: Readonly<Record<string, string>>) =>
    Object.entries(sections)
      .filter(([, body]) => new RegExp(`\\b${id}\\b`).test(body))
      .map(([id_]) => id_);
  // Open questions may name any answer: asking again about it is not using it.
  const stating = Object.fromEntries(
    Object.entries(drafted).filter(([id]) => id !== 'open_questions'),
  );
  const normalised = Object.fromEntries(
    Object.entries(stating).map(([id, body]) => [id, words(body).join(' ')]),
  );
  const findings: ReviewFinding[] = [];
  let total = 0;
  answers.forEach((answer, index) => {
    const use = uses[index];
    if (use.status === 'unanswered') return;
    total += 1;
    const citing = cited(answer.id, stating);
    if (use.status === 'used' || use.status === 'moved') {
      const opening = words(answer.answer).slice(0, PASTED_WORDS).join(' ');
      const quotedIn =
        words(answer.answer).length >= PASTED_WORDS
          ? Object.keys(normalised).filter((id) => normalised[id].includes(opening))
          : [];
      if (citing.length === 0) {
        findings.push(
          finding(
            'answers_used',
            answer.id,
            'warning',
            title_('clarifications_log'),
            `${answer.id} (${lensName(use.lens ?? answer.lens)}) is not used anywhere in the PRD.`,
          ),
        );
      } else if (quotedIn.length > 1) {
        findings.push(
          finding(
            'answers_used',
            answer.id,
            'warning',
            title_(quotedIn[1]),
            `${answer.id} is pasted into ${quotedIn.length} sections (${quotedIn.map(title_).join(', ')}).`,
          ),
        );
      }
    } else if (citing.length > 0) {
      findings.push(
        finding(
          'answers_used',
          answer.id,
          'warning',
          title_(citing[0]),
          use.status === 'repeat'
            ? `${answer.id} repeats ${use.repeats} but is cited as a source again (${citing.map(title_).join(', ')}).`
            : `${answer.id} does not answer its question but is cited as a source (${citing.map(title_).join(', ')}).`,
        ),
      );
    }
  });
  return result(total, findings);
}

function describeUse(answer: NumberedAnswer, use: AnswerUse | undefined): string {
  if (!use) return '';
  switch (use.status) {
    case 'repeat':
      return `${answer.id} repeats ${use.repeats}`;
    case 'off_topic':
      return `${answer.id} is off-topic`;
    case 'moved':
      return `${answer.id} is about ${lensName(use.lens ?? answer.lens)}`;
    case 'unanswered':
      return `${answer.id} was not answered`;
    case 'used':
      return '';
  }
}

function draftedBodies(outline: PrdOutline): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const section of PRD_SECTIONS) {
    if (section.source === 'drafted' && outline.bodies[section.id] !== undefined) {
      bodies[section.id] = outline.bodies[section.id];
    }
  }
  return bodies;
}

function result(total: number, findings: ReviewFinding[], failed = findings.length): CheckResult {
  return { passed: Math.max(0, total - failed), total, findings: capped(findings) };
}

const MAX_FINDINGS_PER_CHECK = 12;

function capped(findings: ReviewFinding[]): ReviewFinding[] {
  return findings.slice(0, MAX_FINDINGS_PER_CHECK);
}

function finding(
  check: string,
  subject: string,
  severity: FindingSeverity,
  section: string,
  message: string,
): ReviewFinding {
  return { id: `${check}:${subject}`, severity, section, message };
}

function title_(id: string): string {
  return sectionById(id)?.title ?? id;
}

function lensName(lens: ThinkingLens): string {
  return lens === 'gtm' ? 'go-to-market' : lens.replace('_', ' ');
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function normalise(text: string): string {
  return words(text).join(' ');
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
