/** A version as the generate agent writes it: `### FR-n`, `- **SM-n:**`, `subgraph UJn`. */
export interface DraftedVersion {
  readonly prd: string;
  readonly flowchart: string;
}

/**
 * A generated version made deliberately weak, as a hasty manual edit leaves it: FR-1 without
 * its acceptance criteria, SM-1 without its counter-metric, and the last user journey gone from
 * the flowchart (its subgraph and every edge into it).
 */
export function aWeakenedVersion({ prd, flowchart }: DraftedVersion): DraftedVersion {
  let block: 'fr1' | 'sm1' | null = null;
  const lines = prd.split('\n').filter((line) => {
    if (/^### FR-1\b/.test(line)) block = 'fr1';
    else if (/^- \*\*SM-1:\*\*/.test(line)) block = 'sm1';
    else if (/^#/.test(line) || /^- \*\*SM-\d+:\*\*/.test(line)) block = null;
    if (block === 'fr1') return !/^- Acceptance:/.test(line);
    if (block === 'sm1') return !/^\s+- Counter-metric:/.test(line);
    return true;
  });
  const journeys = [...prd.matchAll(/^### UJ-(\d+)\b/gm)].map((match) => Number(match[1]));
  const last = Math.max(...journeys);
  const node = new RegExp(`\\bUJ${last}_`);
  let inLast = false;
  const chart = flowchart.split('\n').filter((line) => {
    if (new RegExp(`^\\s*subgraph UJ${last}\\b`).test(line)) inLast = true;
    const keep = !inLast && !node.test(line);
    if (inLast && line.trim() === 'end') inLast = false;
    return keep;
  });
  return { prd: lines.join('\n'), flowchart: chart.join('\n') };
}
