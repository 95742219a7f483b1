import { createTwoFilesPatch, structuredPatch } from 'diff';

export interface DiffSide {
  readonly label: string;
  readonly timestamp: Date;
  readonly text: string;
}

export interface PrdDiff {
  readonly diff: string;
  readonly additions: number;
  readonly deletions: number;
}

/** A unified diff (3 lines of context) of one PRD version against another, with line counts. */
export function prdDiff(from: DiffSide, to: DiffSide): PrdDiff {
  const names = [`${from.label}/prd.md`, `${to.label}/prd.md`] as const;
  const headers = [from.timestamp.toISOString(), to.timestamp.toISOString()] as const;
  const diff = createTwoFilesPatch(names[0], names[1], from.text, to.text, ...headers);
  let additions = 0;
  let deletions = 0;
  for (const hunk of structuredPatch(...names, from.text, to.text, ...headers).hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) additions += 1;
      else if (line.startsWith('-')) deletions += 1;
    }
  }
  return { diff, additions, deletions };
}
