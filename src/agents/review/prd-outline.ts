import { ASSUMPTION_TAG, splitPrd } from '../prd/prd-document';
import { PRD_SECTIONS } from '../prd/prd-sections';

/** A review reads at most this much of a PRD: far beyond any generated one, and bounded. */
export const REVIEWED_CHARS = 300_000;
const MAX_BLOCKS = 200;

export interface Requirement {
  readonly id: string;
  readonly priority: string | null;
  readonly title: string;
  /** The requirement's lines under its heading (acceptance criteria among them). */
  readonly lines: readonly string[];
}

export interface Metric {
  readonly id: string;
  /** The metric's line and the lines under it, joined. */
  readonly text: string;
}

export interface Journey {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly string[];
}

/** The parts of a PRD the checklist reads, parsed once. */
export interface PrdOutline {
  readonly bodies: Readonly<Record<string, string>>;
  readonly requirements: readonly Requirement[];
  readonly metrics: readonly Metric[];
  readonly journeys: readonly Journey[];
  /** Lines tagged [ASSUMPTION] in the drafted sections. */
  readonly assumptionLines: number;
  /** Entries of the Assumptions Index. */
  readonly assumptionsListed: number;
}

const FR_HEADING = /^#{2,5}\s*(?:\*\*)?(FR-\d+)(?:\*\*)?\s*(?:\((P\d)\))?\s*[:.–—-]?\s*(.*)$/;
const FR_BULLET = /^[-*]\s+\*\*(FR-\d+)(?:\s*\((P\d)\))?:?\*\*:?\s*(.*)$/;
const SM_START = /^(?:#{2,5}\s*|[-*]\s+|\d+\.\s+)?(?:\*\*)?(SM-\d+)\b/;
const UJ_HEADING = /^#{2,5}\s*(?:\*\*)?(UJ-\d+)(?:\*\*)?\s*[:.–—-]?\s*(.*)$/;
const STEP = /^(?:\d+[.)]|[-*])\s+(.+)$/;

export function outlinePrd(prd: string): PrdOutline {
  const { bodies } = splitPrd(prd.slice(0, REVIEWED_CHARS));
  const drafted = PRD_SECTIONS.filter((section) => section.source === 'drafted');
  const assumptionLines = drafted
    .flatMap((section) => (bodies[section.id] ?? '').split('\n'))
    .filter((line) => line.includes(ASSUMPTION_TAG)).length;
  const assumptionsListed = (bodies.assumptions ?? '')
    .split('\n')
    .filter((line) => /^\s*\d+\.\s+AS-\d+/.test(line)).length;
  return {
    bodies,
    requirements: requirementsOf(bodies.functional_requirements ?? ''),
    metrics: metricsOf(bodies.success_metrics ?? ''),
    journeys: journeysOf(bodies.user_journeys ?? ''),
    assumptionLines,
    assumptionsListed,
  };
}

/** One FR-n or SM-n block of a section body: its heading line, and the lines up to the next. */
export interface Block {
  readonly id: string;
  /** The requirement's title; '' for a metric. */
  readonly title: string;
  /** Index of its first line in `body.split('\n')`. */
  readonly start: number;
  /** Index after its last line. */
  readonly end: number;
}

/** Where each requirement (or metric) of a section body starts and ends, by line. */
export function blocksOf(body: string, kind: 'requirement' | 'metric'): Block[] {
  const lines = body.split('\n');
  const blocks: { id: string; title: string; start: number }[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (kind === 'metric') {
      const start = SM_START.exec(line);
      if (start) blocks.push({ id: start[1], title: '', start: index });
      return;
    }
    const head = FR_HEADING.exec(line) ?? FR_BULLET.exec(line);
    if (head) blocks.push({ id: head[1], title: titleOf(head[3]), start: index });
  });
  return blocks
    .slice(0, MAX_BLOCKS)
    .map((block, index) => ({ ...block, end: blocks[index + 1]?.start ?? lines.length }));
}

function titleOf(heading: string): string {
  return heading
    .replace(/\*\*/g, '')
    .replace(/\s*\(from A-\d+\)\s*$/, '')
    .trim();
}

function requirementsOf(body: string): Requirement[] {
  const found: { id: string; priority: string | null; title: string; lines: string[] }[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    const head = FR_HEADING.exec(line) ?? FR_BULLET.exec(line);
    if (head) {
      if (found.length >= MAX_BLOCKS) break;
      found.push({ id: head[1], priority: head[2] ?? null, title: titleOf(head[3]), lines: [] });
    } else if (line && found.length > 0) found[found.length - 1].lines.push(line);
  }
  return found;
}

function metricsOf(body: string): Metric[] {
  const found: { id: string; lines: string[] }[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    const start = SM_START.exec(line);
    if (start) {
      if (found.length >= MAX_BLOCKS) break;
      found.push({ id: start[1], lines: [line] });
    } else if (line && found.length > 0) found[found.length - 1].lines.push(line);
  }
  return found.map((metric) => ({ id: metric.id, text: metric.lines.join('\n') }));
}

export function journeysOf(body: string): Journey[] {
  const found: { id: string; title: string; steps: string[] }[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    const head = UJ_HEADING.exec(line);
    if (head) {
      if (found.length >= MAX_BLOCKS) break;
      const title = head[2]
        .replace(/\*\*/g, '')
        .replace(/\s*\(from A-\d+\)/g, '')
        .trim();
      found.push({ id: head[1], title, steps: [] });
      continue;
    }
    const step = STEP.exec(line);
    if (step && found.length > 0) found[found.length - 1].steps.push(step[1].trim());
  }
  return found;
}
