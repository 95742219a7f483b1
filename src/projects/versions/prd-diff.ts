import { LineDiff, lineDiff } from '@/common/diff/line-diff';

export interface DiffSide {
  readonly label: string;
  readonly timestamp: Date;
  readonly text: string;
}

export type PrdDiff = LineDiff;

/**
 * A unified diff (3 lines of context) of one PRD version against another, with line counts.
 * Bounded: two versions too different to diff in time get `too_different` and a patch that
 * replaces the changed middle whole.
 */
export function prdDiff(from: DiffSide, to: DiffSide): Promise<PrdDiff> {
  return lineDiff({
    oldName: `${from.label}/prd.md`,
    newName: `${to.label}/prd.md`,
    oldText: from.text,
    newText: to.text,
    oldHeader: from.timestamp.toISOString(),
    newHeader: to.timestamp.toISOString(),
  });
}
