import type { ThinkingLens } from '@/domain/thinking-lenses';

/** Where a section's content comes from: drafted (by the model) or computed from the others. */
export type SectionSource = 'drafted' | 'computed';

export interface PrdSection {
  readonly id: string;
  readonly title: string;
  /** The lens whose answers feed it; null for sections that draw on every lens. */
  readonly lens: ThinkingLens | null;
  readonly source: SectionSource;
  /** What the section must contain, for the model's instructions. */
  readonly brief: string;
}

/**
 * The stable PRD structure: the same sections, in this order, in every generated PRD, so
 * iterations can patch one section and diffs between versions stay readable.
 */
export const PRD_SECTIONS: readonly PrdSection[] = [
  drafted('overview', 'Overview', 'discovery', 'What the product is, for whom, in 3-5 sentences.'),
  drafted(
    'problem',
    'Problem and Why Now',
    'discovery',
    'The problem, who has it, how they cope today, and why now is the moment.',
  ),
  drafted('target_users', 'Target Users', 'discovery', 'Primary and secondary users, with needs.'),
  drafted(
    'user_journeys',
    'User Journeys',
    'user_journey',
    'Journeys as "### UJ-n: title" with numbered steps.',
  ),
  drafted(
    'functional_requirements',
    'Functional Requirements',
    'user_journey',
    'Requirements as "### FR-n (P0|P1|P2): title" with testable Given/When/Then acceptance criteria.',
  ),
  drafted('non_goals', 'Non-Goals', null, 'What this release deliberately does not do.'),
  drafted('mvp_scope', 'MVP Scope', 'user_journey', 'In and out of the first release, by FR id.'),
  drafted(
    'competitive_landscape',
    'Competitive Landscape',
    'gtm',
    'Alternatives users have today and how this product differs.',
  ),
  drafted(
    'success_metrics',
    'Success Metrics',
    'metrics',
    'Metrics as "SM-n" with a target, and a counter-metric for each.',
  ),
  drafted('go_to_market', 'Go-to-Market', 'gtm', 'Channels, pricing, launch sequence.'),
  drafted('risks', 'Risks and Mitigations', 'risks', 'Risks with likelihood, impact, mitigation.'),
  drafted('open_questions', 'Open Questions', null, 'What still needs a decision, and by whom.'),
  computed('assumptions', 'Assumptions Index', 'Every [ASSUMPTION] in the document, numbered.'),
  computed(
    'clarifications_log',
    'Clarifications Log',
    'Every question asked, its answer, and the requirements it shaped.',
  ),
];

export const DRAFTED_SECTIONS = PRD_SECTIONS.filter((section) => section.source === 'drafted');

export function sectionById(id: string): PrdSection | undefined {
  return PRD_SECTIONS.find((section) => section.id === id);
}

function drafted(id: string, title: string, lens: ThinkingLens | null, brief: string): PrdSection {
  return { id, title, lens, brief, source: 'drafted' };
}

function computed(id: string, title: string, brief: string): PrdSection {
  return { id, title, lens: null, brief, source: 'computed' };
}
