import { THINKING_LENSES, ThinkingLens, ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { CoverageMap } from './answers';
import { ASSUMPTION_TAG, SectionBodies } from './prd/prd-document';
import { PRD_SECTIONS } from './prd/prd-sections';

/**
 * thinking_lens_status, the one rule generate and iterate share: a lens is covered when the user
 * said something clear about it AND the PRD's sections for that lens state something that is not
 * only an [ASSUMPTION]. The two graphs differ only in where "the user said" comes from:
 *   - generate: evidence (coverageOf in answers.ts): an answer, or upload sentence, that actually
 *     addresses the lens; a repeated or off-topic answer is no evidence;
 *   - iterate (agent mode): the lens was already covered, or the request was written into one of
 *     its sections as stated content. A lens whose sections the request did not touch keeps its
 *     status: its text is byte for byte the same (patchPrd), so nothing the rule reads changed.
 */

const PLACEHOLDER = '_None yet._';

/**
 * True when a section body states something: some line with words that is neither the empty
 * section placeholder nor [ASSUMPTION]-tagged (a tagged line is the drafter's guess, not the
 * user's word).
 */
export function statesContent(body: string): boolean {
  return body.split('\n').some((raw) => {
    const line = raw.trim();
    if (line === '' || line === PLACEHOLDER || line.includes(ASSUMPTION_TAG)) return false;
    return /\w/.test(line.replace(/^(#+|[-*>]|\d+\.)\s*/, ''));
  });
}

/** The ids of the PRD sections that belong to a lens (sections for every lens belong to none). */
export function sectionsOfLens(lens: ThinkingLens): string[] {
  return PRD_SECTIONS.filter((section) => section.lens === lens).map((section) => section.id);
}

/** Whether some section of the lens, among `ids` (all of them by default), states content. */
export function prdStatesLens(
  bodies: SectionBodies,
  lens: ThinkingLens,
  ids: readonly string[] = sectionsOfLens(lens),
): boolean {
  return sectionsOfLens(lens).some((id) => ids.includes(id) && statesContent(bodies[id] ?? ''));
}

/** generate: a lens is covered when its answers are clear and its sections state content. */
export function lensStatusFrom(coverage: CoverageMap, bodies: SectionBodies): ThinkingLensStatus {
  return statusBy((lens) => coverage[lens] === 'clear' && prdStatesLens(bodies, lens));
}

/**
 * iterate (agent mode), after the patch: lenses whose sections were not rewritten keep their
 * status; a rewritten lens is covered when it was (or the rewritten sections now state content,
 * unless the rewrite only fixed review findings: `newStatements` false) and its sections, as
 * patched, still state content.
 */
export function lensStatusAfterIteration(
  previous: ThinkingLensStatus,
  bodies: SectionBodies,
  rewritten: readonly string[],
  { newStatements = true }: { readonly newStatements?: boolean } = {},
): ThinkingLensStatus {
  return statusBy((lens) => {
    if (!sectionsOfLens(lens).some((id) => rewritten.includes(id))) return previous[lens];
    const said = previous[lens] || (newStatements && prdStatesLens(bodies, lens, rewritten));
    return said && prdStatesLens(bodies, lens);
  });
}

function statusBy(covered: (lens: ThinkingLens) => boolean): ThinkingLensStatus {
  const status = {} as ThinkingLensStatus;
  for (const lens of THINKING_LENSES) status[lens] = covered(lens);
  return status;
}
