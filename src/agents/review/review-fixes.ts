import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';
import type { ReviewFinding, VersionReview } from '@/domain/version-review';
import { sectionsOfLens } from '../lens-status';
import { PRD_SECTIONS } from '../prd/prd-sections';

/**
 * "Fix the review findings", "address the findings from the review", "resolve the critique's
 * issues": a verb of fixing, then (within a few words) the review's findings, or the review
 * itself ("fix the review", "apply the latest review."). "Handle customer reviews" or "fix the
 * review flow" are product changes, not this. Read from the start of the message only.
 */
const FIX_VERB =
  /\b(fix|fixes|fixing|address|resolve|apply|handle|tackle|act on|work through|clear up|sort out)\b/i;
const FIX_OBJECT = new RegExp(
  [
    // "the review findings", "the checklist's issues", "the critique feedback"
    String.raw`\b(review|reviewer|critique|checklist)(?:'s|s')?\s+(findings?|issues|problems|comments|points|feedback|results|notes|warnings|errors)\b`,
    // "the findings", "its findings", "all findings"
    String.raw`\bfindings?\b`,
    // "the review", "the latest review", "the critique": ending the clause, or "of v1.2"
    String.raw`\b(the|its|this|that|latest|last|current)\s+(?:(?:latest|last|current|version's|prd's)\s+)?(review|critique|checklist)(?=\s*(?:$|[.!?,;:)]|'s\b|\s(?:of|for|above|please|now|and|in)\b))`,
  ].join('|'),
  'i',
);
const FIX_REACH = 60;
const READ_CHARS = 500;
const FLOWCHART = 'flowchart';

export function isReviewFixRequest(message: string): boolean {
  const text = message.slice(0, READ_CHARS);
  const verbs = new RegExp(FIX_VERB.source, 'gi');
  for (let verb = verbs.exec(text); verb !== null; verb = verbs.exec(text)) {
    const after = text.slice(verb.index + verb[0].length);
    // The object in the same sentence, within a few words of the verb; a sentence that ends
    // (or the message) ends its last word too.
    const sentence = /^[^.!?\n]*/.exec(after)?.[0] ?? '';
    const clause = sentence.slice(0, FIX_REACH);
    if (FIX_OBJECT.test(clause.length < FIX_REACH ? `${clause}.` : clause)) return true;
  }
  return false;
}

/** Every finding of a review: the checklist's, then the model's critique's. */
export function findingsOf(review: VersionReview): ReviewFinding[] {
  return [...review.findings, ...(review.critique?.findings ?? [])];
}

/** What fixing a review's findings touches. */
export interface FixPlan {
  /** Section id → the findings to fix in it, in the PRD's section order. */
  readonly sections: ReadonlyMap<string, readonly ReviewFinding[]>;
  /** A finding is about the flowchart: it is redrawn from the (fixed) journeys. */
  readonly redrawFlowchart: boolean;
}

/**
 * The sections each finding is fixed in: the one it names (a section title, as findings name
 * them). An uncovered lens left unmarked is fixed in two places, its first section (an
 * [ASSUMPTION] line) and the open questions. Findings naming no section of the PRD, or the
 * clarifications log (history, never rewritten), are left out.
 */
export function planFixes(findings: readonly ReviewFinding[]): FixPlan {
  const byId = new Map<string, ReviewFinding[]>();
  let redrawFlowchart = false;
  const add = (id: string, finding: ReviewFinding) => {
    const list = byId.get(id) ?? [];
    if (!list.includes(finding)) list.push(finding);
    byId.set(id, list);
  };
  for (const finding of findings) {
    const title = finding.section.trim().toLowerCase();
    if (title === FLOWCHART) {
      redrawFlowchart = true;
      continue;
    }
    const section = PRD_SECTIONS.find((candidate) => candidate.title.toLowerCase() === title);
    if (section && section.id !== 'clarifications_log') add(section.id, finding);
    const lens = gapLens(finding);
    if (lens) {
      add(sectionsOfLens(lens)[0], finding);
      add('open_questions', finding);
    }
  }
  const sections = new Map(
    PRD_SECTIONS.filter((section) => byId.has(section.id)).map((section) => [
      section.id,
      byId.get(section.id) ?? [],
    ]),
  );
  return { sections, redrawFlowchart };
}

/** The lens of a `gaps_open:<lens>` finding. */
export function gapLens(finding: ReviewFinding): ThinkingLens | null {
  const [check, subject] = finding.id.split(':');
  return check === 'gaps_open' && (THINKING_LENSES as readonly string[]).includes(subject)
    ? (subject as ThinkingLens)
    : null;
}
