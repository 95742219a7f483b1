/**
 * The golden set's score table: each idea of test/fixtures/golden runs through the offline
 * clarify and generate graphs with its scripted answers, and the PRD review scores the result.
 *
 *   npm run bench:golden                 the table
 *   BENCH_GOLDEN_DETAIL=1 npm run ...    plus every finding
 *   BENCH_GOLDEN_PRD=<id> npm run ...    plus that idea's PRD and flowchart in full
 *
 * Columns: the domain the drafter read, score (0-100), lenses marked covered (D U M G R; "·" not covered; "!" differs from
 * what a person reads in the answers), the checks that lost points, questions asked, the
 * generate graph's wall time, and the review's (the checklist run in steps, as every save runs
 * it; no model, so no critique). Last, the review of the largest input a save can bring (a
 * 500 KB PRD, 30 long answers, a long upload): its wall time and its longest step, which is the
 * longest the event loop is held. "weak → fixed": the version with FR-1's criteria, SM-1's
 * counter-metric and the last journey's flowchart path taken out (as the e2e weak manual save),
 * scored, then "fix the review findings" run on it offline and the result scored.
 */
import { domainOf } from '@/agents/offline/idea-reading';
import { reviewPrdInSteps } from '@/agents/review/review-prd';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import { goldenSet } from '@test/fixtures/golden/golden-set';
import { aLargeReviewInput } from './support/large-review-input';
import { fixWeakened, runOfflineFlow } from './support/offline-flow';

async function main(): Promise<void> {
  const detail = process.env.BENCH_GOLDEN_DETAIL === '1';
  const showPrd = process.env.BENCH_GOLDEN_PRD ?? '';
  const rows: string[][] = [];
  const scores: number[] = [];
  const times: number[] = [];
  const reviewTimes: number[] = [];
  const fixGains: number[] = [];
  const details: string[] = [];
  for (const idea of goldenSet()) {
    const outcome = await runOfflineFlow(idea);
    const reviewStarted = performance.now();
    const review = await reviewPrdInSteps({
      prd: outcome.prd,
      flowchart: outcome.flowchart,
      lensStatus: outcome.lensStatus,
      answers: outcome.answers,
      idea: idea.idea,
    });
    const reviewMs = performance.now() - reviewStarted;
    const fix = await fixWeakened(idea, outcome);
    fixGains.push(fix.fixedScore - fix.weakScore);
    scores.push(review.score);
    times.push(outcome.generateMs);
    reviewTimes.push(reviewMs);
    const lenses = THINKING_LENSES.map((lens) => {
      const mark = outcome.lensStatus[lens] ? lens.charAt(0).toUpperCase() : '·';
      return outcome.lensStatus[lens] === idea.expected_lenses[lens] ? mark : `${mark}!`;
    }).join(' ');
    const lost = review.checklist
      .filter((item) => !item.ok)
      .map((item) => `${item.id}(-${round(item.max_points - item.points)})`)
      .join(' ');
    const domain = domainOf(idea.idea, outcome.answers.map((answer) => answer.answer).join(' '));
    rows.push([
      idea.id,
      idea.category,
      domain ?? 'general',
      String(review.score),
      lenses,
      String(outcome.questions.length),
      `${Math.round(outcome.generateMs)} ms`,
      `${Math.round(reviewMs)} ms`,
      `${fix.weakScore} → ${fix.fixedScore} (${Math.round(fix.fixMs)} ms)`,
      lost || '-',
    ]);
    if (detail) {
      details.push(`\n${idea.id} (${review.score})`);
      for (const finding of review.findings) {
        details.push(`  ${finding.severity.padEnd(7)} ${finding.section}: ${finding.message}`);
      }
    }
    if (showPrd === idea.id) {
      details.push(
        `\n===== ${idea.id}: PRD =====\n${outcome.prd}\n===== flowchart =====\n${outcome.flowchart}`,
      );
    }
  }
  const header = [
    'idea',
    'category',
    'domain',
    'score',
    'lenses',
    'questions',
    'generate',
    'review',
    'weak → fixed',
    'checks losing points',
  ];
  printTable([header, ...rows]);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  console.log(
    `\nmean score ${round(mean)}, min ${Math.min(...scores)}, max ${Math.max(...scores)}; ` +
      `generate median ${Math.round(median(times))} ms, max ${Math.round(Math.max(...times))} ms; ` +
      `review median ${Math.round(median(reviewTimes))} ms, max ${Math.round(Math.max(...reviewTimes))} ms`,
  );
  const large = await timedInSteps(aLargeReviewInput());
  console.log(
    `largest input: review ${Math.round(large.totalMs)} ms in all, longest step ${Math.round(large.longestStepMs)} ms`,
  );
  console.log(
    `fix the review findings (offline) on each version weakened: score gain min ` +
      `${round(Math.min(...fixGains))}, median ${round(median(fixGains))}, max ${round(Math.max(...fixGains))}`,
  );
  if (details.length > 0) console.log(details.join('\n'));
}

/** The review in steps, with the longest time the event loop went without a turn meanwhile. */
async function timedInSteps(
  input: Parameters<typeof reviewPrdInSteps>[0],
): Promise<{ totalMs: number; longestStepMs: number }> {
  let longest = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 0);
  const started = performance.now();
  await reviewPrdInSteps(input);
  const totalMs = performance.now() - started;
  clearInterval(probe);
  longest = Math.max(longest, performance.now() - last);
  return { totalMs, longestStepMs: longest };
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column])).join(' | '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
