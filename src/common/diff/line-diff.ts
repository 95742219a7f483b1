import { formatPatch, structuredPatch, StructuredPatch, StructuredPatchHunk } from 'diff';
import { AppError } from '../errors';
import { runInWorker, WorkerSlots } from '../workers/bounded-worker';

export interface DiffInput {
  readonly oldName: string;
  readonly newName: string;
  readonly oldText: string;
  readonly newText: string;
  readonly oldHeader?: string;
  readonly newHeader?: string;
}

export interface LineDiff {
  /** A unified diff with 3 lines of context; it always applies to the old text. */
  readonly diff: string;
  readonly additions: number;
  readonly deletions: number;
  /**
   * The texts were too different to diff line by line within the budget: `diff` then replaces
   * the changed middle whole (every line between the common first and last lines removed, then
   * every new one added), which is still a correct patch, only not the smallest one.
   */
  readonly too_different: boolean;
}

const CONTEXT = 3;
/**
 * Myers' diff costs (lines of both texts) × (lines that differ). Up to this many lines in all
 * it is at most a million steps, done on the spot; anything longer goes to a worker thread.
 */
const INLINE_MAX_LINES = 1_000;
/** Time the worker's diff may take before it gives up and the whole-middle patch is sent. */
const DIFF_BUDGET_MS = 750;
/** Past this many lines in all the texts are not diffed line by line at all. */
const MAX_DIFF_LINES = 60_000;
const WORKER_LIMITS = { timeoutMs: 5_000, maxHeapMb: 256 };

/** Large diffs in flight at once in this process; more wait, and past the queue get a 503. */
export const DIFF_SLOTS = new WorkerSlots(
  2,
  16,
  'Too many large diffs are being computed right now; try again shortly',
);

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { structuredPatch } = require(workerData.diffPath);
const { oldName, newName, oldText, newText, oldHeader, newHeader } = workerData.input;
try {
  const patch = structuredPatch(oldName, newName, oldText, newText, oldHeader, newHeader, {
    context: ${CONTEXT},
    timeout: workerData.budgetMs,
  });
  parentPort.postMessage({ result: patch === undefined ? null : patch });
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
}
`;

/**
 * A unified line diff whose cost is bounded: short texts are diffed on the spot, long ones in a
 * worker thread with a time budget, and a pair too different (or too long) for that gets the
 * whole-middle patch, built in one linear pass. The event loop never runs a quadratic diff.
 */
export async function lineDiff(input: DiffInput): Promise<LineDiff> {
  const lines = countLines(input.oldText) + countLines(input.newText);
  if (lines <= INLINE_MAX_LINES) return summarise(patchOf(input), false);
  if (lines > MAX_DIFF_LINES) return summarise(wholeMiddlePatch(input), true);
  const patch = await DIFF_SLOTS.run(() =>
    runInWorker<StructuredPatch | null>(
      WORKER_SOURCE,
      { diffPath: require.resolve('diff'), input, budgetMs: DIFF_BUDGET_MS },
      WORKER_LIMITS,
    ),
  ).catch((error: unknown) => {
    // A full queue is the caller's 503; a thread that died over its limits is a pair too hard.
    if (error instanceof AppError) throw error;
    return null;
  });
  return patch ? summarise(patch, false) : summarise(wholeMiddlePatch(input), true);
}

function patchOf(input: DiffInput): StructuredPatch {
  return structuredPatch(
    input.oldName,
    input.newName,
    input.oldText,
    input.newText,
    input.oldHeader,
    input.newHeader,
    { context: CONTEXT },
  );
}

function summarise(patch: StructuredPatch, tooDifferent: boolean): LineDiff {
  let additions = 0;
  let deletions = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) additions += 1;
      else if (line.startsWith('-')) deletions += 1;
    }
  }
  return { diff: formatPatch(patch), additions, deletions, too_different: tooDifferent };
}

function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Lines with their line break, as the diff library splits them. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => `${line}\n`);
  const last = lines.length - 1;
  if (lines[last] === '\n') lines.pop();
  else lines[last] = lines[last].slice(0, -1);
  return lines;
}

/**
 * The common first and last lines kept, everything between replaced: one hunk, written the way
 * the diff library writes one (removed lines before added ones, "\ No newline at end of file").
 */
export function wholeMiddlePatch(input: DiffInput): StructuredPatch {
  const before = splitLines(input.oldText);
  const after = splitLines(input.newText);
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) {
    prefix += 1;
  }
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const hunks: StructuredPatchHunk[] = [];
  if (prefix + suffix < before.length || prefix + suffix < after.length) {
    const leading = Math.min(CONTEXT, prefix);
    const trailing = Math.min(CONTEXT, suffix);
    const raw = [
      ...before.slice(prefix - leading, prefix).map((line) => ` ${line}`),
      ...before.slice(prefix, before.length - suffix).map((line) => `-${line}`),
      ...after.slice(prefix, after.length - suffix).map((line) => `+${line}`),
      ...before
        .slice(before.length - suffix, before.length - suffix + trailing)
        .map((line) => ` ${line}`),
    ];
    const lines: string[] = [];
    for (const line of raw) {
      if (line.endsWith('\n')) lines.push(line.slice(0, -1));
      else lines.push(line, '\\ No newline at end of file');
    }
    hunks.push({
      oldStart: prefix - leading + 1,
      oldLines: before.length - prefix - suffix + leading + trailing,
      newStart: prefix - leading + 1,
      newLines: after.length - prefix - suffix + leading + trailing,
      lines,
    });
  }
  return {
    oldFileName: input.oldName,
    newFileName: input.newName,
    oldHeader: input.oldHeader,
    newHeader: input.newHeader,
    hunks,
  };
}
