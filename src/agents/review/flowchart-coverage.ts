import { contentTerms } from '@/llm/text/keywords';
import { checkFlowchart, FlowchartProblem } from '@/domain/flowchart/flowchart-parser';
import type { Journey } from './prd-outline';

const MAX_CHART_CHARS = 100_000;
const MAX_EDGES = 2_000;
const STEP_SIMILARITY = 0.5;
const MAX_JOURNEYS = 30;
const MAX_STEPS = 300;
const KEYWORDS = new Set([
  'subgraph',
  'end',
  'direction',
  'classDef',
  'class',
  'style',
  'linkStyle',
]);

export type FlowchartCoverage =
  | { readonly parses: false; readonly problems: readonly FlowchartProblem[] }
  | {
      readonly parses: true;
      /** Journeys with no subgraph, node or label of their own in the chart. */
      readonly missingJourneys: readonly Journey[];
      /** Edges (and lone nodes) that belong to no journey. */
      readonly orphanPaths: readonly OrphanPath[];
    };

export interface OrphanPath {
  /** "X->Y" by node id ("X" for a lone node): stable across label edits. */
  readonly id: string;
  /** "Admin exports invoices → Accountant files them", by label. */
  readonly label: string;
}

interface Subgraph {
  readonly title: string;
  readonly members: Set<string>;
}

/**
 * Journeys ↔ flowchart, both ways: every UJ-n is drawn (a subgraph or node that names it, or
 * its title), and every edge touches a journey's node and joins it only to another journey node
 * or to an entry or exit node (no incoming or no outgoing edges, such as Start).
 */
export function flowchartCoverage(
  flowchart: string,
  journeys: readonly Journey[],
): FlowchartCoverage {
  const source = flowchart.slice(0, MAX_CHART_CHARS);
  const check = checkFlowchart(source);
  if (!check.ok) return { parses: false, problems: check.problems };
  const { nodes, edges } = check.chart;
  // Every id the parser read has a label (the id itself for a node without a shape).
  const labelOf = (id: string) => nodes.get(id) ?? id;
  const subgraphs = readSubgraphs(source);
  const named = journeys.slice(0, MAX_JOURNEYS).map((journey) => ({
    journey,
    pattern: new RegExp(`\\b(${journey.id}|${journey.id.replace('-', '')})\\b`, 'i'),
    title: journey.title.toLowerCase(),
  }));
  type Named = (typeof named)[number];
  const mentions = (text: string, entry: Named) =>
    entry.pattern.test(text) ||
    (entry.title.length > 0 && text.toLowerCase().includes(entry.title));
  const drawn = (entry: Named) =>
    subgraphs.some((subgraph) => mentions(subgraph.title, entry)) ||
    [...nodes.values()].some((label) => mentions(label, entry));
  const journeySubgraphs = subgraphs.filter((subgraph) =>
    named.some((entry) => mentions(subgraph.title, entry)),
  );
  const stepWords = journeys
    .flatMap((journey) => [journey.title, ...journey.steps])
    .slice(0, MAX_STEPS)
    .map((step) => new Set(contentTerms(step)));
  const known = new Map<string, boolean>();
  const bound = (id: string): boolean => {
    let result = known.get(id);
    if (result === undefined) {
      result = boundNow(id);
      known.set(id, result);
    }
    return result;
  };
  const boundNow = (id: string): boolean => {
    if (journeySubgraphs.some((subgraph) => subgraph.members.has(id))) return true;
    const label = labelOf(id);
    if (named.some((entry) => mentions(label, entry))) return true;
    const words = new Set(contentTerms(label));
    return stepWords.some((step) => jaccard(words, step) >= STEP_SIMILARITY);
  };
  const incoming = new Map<string, number>();
  const outgoing = new Map<string, number>();
  for (const edge of edges) {
    outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  }
  const hub = (id: string) => !incoming.has(id) || !outgoing.has(id);
  const orphanPaths: OrphanPath[] = [];
  for (const edge of edges.slice(0, MAX_EDGES)) {
    const [from, to] = [bound(edge.from), bound(edge.to)];
    const belongs = (from || to) && (from || hub(edge.from)) && (to || hub(edge.to));
    if (!belongs) {
      orphanPaths.push({
        id: `${edge.from}->${edge.to}`,
        label: `${labelOf(edge.from)} → ${labelOf(edge.to)}`,
      });
    }
  }
  for (const id of nodes.keys()) {
    if (!incoming.has(id) && !outgoing.has(id) && !bound(id)) {
      orphanPaths.push({ id, label: labelOf(id) });
    }
  }
  return {
    parses: true,
    missingJourneys: named.filter((entry) => !drawn(entry)).map(({ journey }) => journey),
    orphanPaths,
  };
}

/** Subgraph titles and the nodes first mentioned inside each (Mermaid's membership rule). */
function readSubgraphs(source: string): Subgraph[] {
  const all: Subgraph[] = [];
  const open: Subgraph[] = [];
  const placed = new Set<string>();
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('%%')) continue;
    const opened = /^subgraph\s+(.*)$/.exec(line);
    if (opened) {
      const subgraph = {
        title: opened[1].replace(/["[\]]/g, ' ').trim(),
        members: new Set<string>(),
      };
      all.push(subgraph);
      open.push(subgraph);
      continue;
    }
    if (line === 'end') {
      open.pop();
      continue;
    }
    if (/^(flowchart|graph)\b/.test(line)) continue;
    for (const id of nodeIds(line)) {
      if (placed.has(id)) continue;
      placed.add(id);
      open.at(-1)?.members.add(id);
    }
  }
  return all;
}

function nodeIds(statement: string): string[] {
  const first = /^\w+/.exec(statement)?.[0] ?? '';
  if (KEYWORDS.has(first)) return [];
  let text = statement
    .replace(/"[^"]*"/g, ' ')
    .replace(/\|[^|]*\|/g, ' ')
    .replace(/-\.->|-\.-|-->|---|==>|===/g, ' ~ ')
    .replace(/>[^\]]*\]/g, ' ');
  for (let pass = 0; pass < 4; pass++) {
    text = text.replace(/\[[^[\]]*\]|\([^()]*\)|\{[^{}]*\}/g, ' ');
  }
  return text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}
