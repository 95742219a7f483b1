import { numberAnswers } from '../answers';
import { assemblePrd, patchPrd, splitPrd } from './prd-document';
import { PRD_SECTIONS } from './prd-sections';

const answers = numberAnswers([
  { lens: 'user_journey', question: 'First task?', answer: 'Post a brief' },
  { lens: 'gtm', question: 'Channel?', answer: '' },
]);
const drafted = {
  user_journeys: '### UJ-1: Post a brief (from A-1)\n1. Open\n2. Post',
  functional_requirements: '### FR-1 (P0): Briefs (from A-1)\n- Acceptance: Given …',
  go_to_market: '- [ASSUMPTION] Launch on a waitlist.',
};

describe('PRD document', () => {
  const prd = assemblePrd('Gigs', drafted, answers);

  it('assembles every section in the stable order, with the assumptions index and the trace', () => {
    expect([...prd.matchAll(/^## \d+\. (.+)$/gm)].map((m) => m[1])).toEqual(
      PRD_SECTIONS.map((section) => section.title),
    );
    expect(prd).toContain('# Gigs: Product Requirements Document');
    expect(prd).toContain('1. AS-1 (Go-to-Market): Launch on a waitlist.');
    expect(prd).toContain('| A-1 | user_journey | First task? | Post a brief | UJ-1, FR-1 |');
    expect(prd).toContain('| A-2 | gtm | Channel? | _unanswered_ → [ASSUMPTION] | — |');
    expect(prd).toContain('## 1. Overview\n\n_None yet._');
  });

  it('splits back into the same bodies, and patches one section leaving the rest byte for byte', () => {
    const { title, bodies } = splitPrd(prd);
    expect(title).toBe('Gigs: Product Requirements Document');
    expect(bodies.user_journeys).toBe(drafted.user_journeys);

    const patched = patchPrd(prd, { go_to_market: '- Partner with design schools.' });
    const after = splitPrd(patched).bodies;
    expect(after.go_to_market).toBe('- Partner with design schools.');
    expect(after.assumptions).toBe('No assumptions: every lens was answered.');
    for (const id of Object.keys(bodies).filter(
      (id) => !['go_to_market', 'assumptions'].includes(id),
    )) {
      expect(after[id]).toBe(bodies[id]);
    }
    expect(patchPrd(prd, {})).toBe(prd);
  });
});
