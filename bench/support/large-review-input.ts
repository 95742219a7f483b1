import { PRD_SECTIONS } from '@/agents/prd/prd-sections';
import type { ReviewInput } from '@/agents/review/review.types';
import type { ClarificationAnswer } from '@/domain/clarification';
import { THINKING_LENSES } from '@/domain/thinking-lenses';

/**
 * The largest input a review can be given: a PRD at the save limit (500 KB) with hundreds of
 * requirements, metrics and journeys, a 100 KB flowchart, 30 answers of 5,000 characters and a
 * long upload, all in distinct words (nothing for the caps on repeats to shortcut).
 */
export function aLargeReviewInput(): ReviewInput {
  const words = (count: number, seed: number) =>
    Array.from({ length: count }, (_, i) => `w${(i * 7919 + seed) % 5000}`).join(' ');
  const body = (id: string, index: number): string => {
    switch (id) {
      case 'functional_requirements':
        return Array.from(
          { length: 800 },
          (_, k) =>
            `### FR-${k + 1} (P0): Feature ${words(8, k)}\n- Acceptance: Given ${words(20, k)} when ${words(10, k + 1)} then ${words(10, k + 2)}.`,
        ).join('\n');
      case 'success_metrics':
        return Array.from(
          { length: 500 },
          (_, k) =>
            `- **SM-${k + 1}:** ${words(30, k)} 5% within 3 months\n  - Counter-metric: ${words(5, k)}`,
        ).join('\n');
      case 'user_journeys':
        return Array.from(
          { length: 300 },
          (_, k) => `### UJ-${k + 1}: ${words(6, k)}\n1. ${words(12, k)}\n2. ${words(12, k + 3)}`,
        ).join('\n');
      default:
        return `${words(4000, index)}\n[ASSUMPTION] ${'x '.repeat(2000)}`;
    }
  };
  const sections = PRD_SECTIONS.map(
    (section, index) => `## ${index + 1}. ${section.title}\n\n${body(section.id, index)}\n`,
  ).join('\n');
  const edges = Array.from(
    { length: 1500 },
    (_, k) => `  N${k}["${words(8, k)}"] --> N${k + 1}["${words(8, k + 1)}"]`,
  ).join('\n');
  const answers: ClarificationAnswer[] = Array.from({ length: 30 }, (_, k) => ({
    lens: THINKING_LENSES[k % THINKING_LENSES.length],
    question: words(100, k),
    answer: words(800, k).slice(0, 5000),
  }));
  return {
    prd: `# Large\n\n${sections}`.slice(0, 500_000),
    flowchart: `flowchart TD\n${edges}`.slice(0, 100_000),
    lensStatus: { discovery: true, user_journey: true, metrics: true, gtm: true, risks: true },
    answers,
    idea: words(300, 1),
    uploadsText: words(200_000, 3),
  };
}
