/**
 * A strict parser for the Mermaid flowchart subset the agents write and accept.
 *
 * Why not Mermaid's own parser: `mermaid` (12.x) and `@mermaid-js/parser` (2.x) are ESM-only
 * packages; `mermaid.parse` needs a DOM (DOMPurify) to run, and `@mermaid-js/parser` has no
 * flowchart grammar at all (it covers info, packet, pie, architecture, gitGraph, ...). Our build
 * is CommonJS on Node 20, so we check the subset we generate instead, and stricter than Mermaid
 * where Mermaid is lenient in ways that break renderers (unquoted brackets inside labels, a node
 * called `end`, an unclosed subgraph). Anything outside the subset is reported, so a model that
 * writes something exotic gets it repaired into the subset rather than saved unchecked.
 *
 * Subset: a `flowchart` or `graph` header with TD/TB/BT/RL/LR; `%%` comments; node ids
 * [A-Za-z_][A-Za-z0-9_]*; shapes [] () {} (()) ([]) [[]] [()] {{}} >]; labels plain or "quoted";
 * chains of nodes joined by --> --- -.-> -.- ==> === with an optional |label|; `&` groups;
 * `subgraph id [title]` / `subgraph "title"` ... `end`; `direction`; `classDef`, `class`,
 * `style`, `linkStyle`; statements separated by newlines or `;`.
 */
export interface FlowchartEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string | null;
}

export interface ParsedFlowchart {
  readonly direction: string;
  /** Node id → its label (the id itself when the node never had a shape). */
  readonly nodes: ReadonlyMap<string, string>;
  readonly edges: readonly FlowchartEdge[];
  readonly subgraphs: readonly string[];
}

export interface FlowchartProblem {
  readonly line: number;
  readonly message: string;
}

export type FlowchartCheck =
  | { readonly ok: true; readonly chart: ParsedFlowchart }
  | { readonly ok: false; readonly problems: readonly FlowchartProblem[] };

const HEADER = /^(flowchart|graph)\s+(TD|TB|BT|RL|LR)\s*;?$/;
const ID = /^[A-Za-z_][A-Za-z0-9_]*/;
const ARROW = /^(-\.->|-\.-|-->|---|==>|===)/;
const SHAPES: readonly (readonly [string, string])[] = [
  ['(((', ')))'],
  ['((', '))'],
  ['([', '])'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['{{', '}}'],
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['>', ']'],
];
const LABEL_FORBIDDEN = /[[\]{}()|"]/;
const RESERVED_IDS = new Set(['end', 'subgraph', 'graph', 'flowchart', 'class', 'classDef']);

class SyntaxProblem extends Error {}

export function checkFlowchart(source: string): FlowchartCheck {
  const problems: FlowchartProblem[] = [];
  const nodes = new Map<string, string>();
  const edges: FlowchartEdge[] = [];
  const subgraphs: string[] = [];
  const open: number[] = [];
  let direction: string | null = null;

  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('%%')) return;
    if (direction === null) {
      const header = HEADER.exec(text);
      if (header) direction = header[2];
      else problems.push({ line, message: 'expected "flowchart TD" (or graph/LR/TB/RL/BT) first' });
      return;
    }
    for (const statement of splitStatements(text)) {
      try {
        readStatement(statement, line, { nodes, edges, subgraphs, open });
      } catch (error) {
        if (!(error instanceof SyntaxProblem)) throw error;
        problems.push({ line, message: error.message });
      }
    }
  });
  if (direction === null && problems.length === 0) {
    problems.push({ line: 1, message: 'the chart is empty' });
  }
  for (const line of open) problems.push({ line, message: 'subgraph is never closed with "end"' });
  if (direction !== null && nodes.size === 0 && problems.length === 0) {
    problems.push({ line: lines.length, message: 'the chart has no nodes' });
  }
  if (problems.length > 0 || direction === null) return { ok: false, problems };
  return { ok: true, chart: { direction, nodes, edges, subgraphs } };
}

interface ChartParts {
  nodes: Map<string, string>;
  edges: FlowchartEdge[];
  subgraphs: string[];
  open: number[];
}

/** `;` separates statements, except inside a quoted label. */
function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      statements.push(current);
      current = '';
    } else current += char;
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter(Boolean);
}

function readStatement(statement: string, line: number, parts: ChartParts): void {
  const keyword = /^(\w+)\b\s*(.*)$/.exec(statement) ?? ['', '', ''];
  switch (keyword[1]) {
    case 'subgraph': {
      const title = keyword[2].trim();
      if (title === '') throw new SyntaxProblem('subgraph needs an id or a "title"');
      const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(title)?.[0] ?? title;
      const rest = title.slice(id.length).trim();
      if (title.startsWith('"') ? !/^"[^"]+"$/.test(title) : rest && !/^\[[^[\]"]+\]$/.test(rest)) {
        throw new SyntaxProblem(`subgraph title "${title}" is not an id, [title] or "title"`);
      }
      parts.subgraphs.push(id);
      parts.open.push(line);
      return;
    }
    case 'end':
      if (keyword[2] !== '') throw new SyntaxProblem('"end" closes a subgraph and stands alone');
      if (parts.open.pop() === undefined) throw new SyntaxProblem('"end" without a subgraph');
      return;
    case 'direction':
      if (!/^(TD|TB|BT|RL|LR)$/.test(keyword[2])) throw new SyntaxProblem('unknown direction');
      return;
    case 'classDef':
    case 'style':
    case 'linkStyle':
      if (!/^\S+\s+\S/.test(keyword[2]))
        throw new SyntaxProblem(`${keyword[1]} needs a target and styles`);
      return;
    case 'class':
      if (!/^[\w,]+\s+\w+$/.test(keyword[2]))
        throw new SyntaxProblem('class needs node ids and a class name');
      return;
    default:
      readChain(statement, parts);
  }
}

/** `A[Label] -->|yes| B & C --> D` */
function readChain(statement: string, parts: ChartParts): void {
  const cursor = { text: statement, pos: 0 };
  let previous = readGroup(cursor, parts);
  skipSpaces(cursor);
  while (cursor.pos < cursor.text.length) {
    const arrow = ARROW.exec(cursor.text.slice(cursor.pos));
    if (!arrow) {
      throw new SyntaxProblem(`expected an arrow (-->, ---, -.->, ==>) at "${rest(cursor)}"`);
    }
    cursor.pos += arrow[0].length;
    const label = readEdgeLabel(cursor);
    skipSpaces(cursor);
    const next = readGroup(cursor, parts);
    for (const from of previous) for (const to of next) parts.edges.push({ from, to, label });
    previous = next;
    skipSpaces(cursor);
  }
}

function readGroup(cursor: Cursor, parts: ChartParts): string[] {
  const ids = [readNode(cursor, parts)];
  for (;;) {
    skipSpaces(cursor);
    if (cursor.text[cursor.pos] !== '&') return ids;
    cursor.pos += 1;
    skipSpaces(cursor);
    ids.push(readNode(cursor, parts));
  }
}

function readNode(cursor: Cursor, parts: ChartParts): string {
  const id = ID.exec(cursor.text.slice(cursor.pos))?.[0];
  if (!id) throw new SyntaxProblem(`expected a node id at "${rest(cursor)}"`);
  if (RESERVED_IDS.has(id)) throw new SyntaxProblem(`"${id}" is a keyword and cannot be a node id`);
  cursor.pos += id.length;
  const shape = SHAPES.find(([opener]) => cursor.text.startsWith(opener, cursor.pos));
  if (!shape) {
    if (!parts.nodes.has(id)) parts.nodes.set(id, id);
    return id;
  }
  const [opener, closer] = shape;
  cursor.pos += opener.length;
  const label = readLabel(cursor, closer, id);
  if (!cursor.text.startsWith(closer, cursor.pos)) {
    throw new SyntaxProblem(`node ${id}: label is not closed with "${closer}"`);
  }
  cursor.pos += closer.length;
  parts.nodes.set(id, label);
  return id;
}

function readLabel(cursor: Cursor, closer: string, id: string): string {
  if (cursor.text[cursor.pos] === '"') {
    const end = cursor.text.indexOf('"', cursor.pos + 1);
    if (end === -1) throw new SyntaxProblem(`node ${id}: quoted label is never closed`);
    const label = cursor.text.slice(cursor.pos + 1, end);
    cursor.pos = end + 1;
    if (label.trim() === '') throw new SyntaxProblem(`node ${id}: empty label`);
    return label;
  }
  const end = cursor.text.indexOf(closer, cursor.pos);
  const label = cursor.text.slice(cursor.pos, end === -1 ? undefined : end);
  if (end === -1) throw new SyntaxProblem(`node ${id}: label is not closed with "${closer}"`);
  if (label.trim() === '') throw new SyntaxProblem(`node ${id}: empty label`);
  if (LABEL_FORBIDDEN.test(label)) {
    throw new SyntaxProblem(`node ${id}: brackets, pipes or quotes in a label need "quotes"`);
  }
  cursor.pos = end;
  return label.trim();
}

function readEdgeLabel(cursor: Cursor): string | null {
  if (cursor.text[cursor.pos] !== '|') return null;
  const end = cursor.text.indexOf('|', cursor.pos + 1);
  if (end === -1) throw new SyntaxProblem('edge label is not closed with "|"');
  const label = cursor.text.slice(cursor.pos + 1, end).trim();
  if (label === '' || /["[\]{}()]/.test(label)) {
    throw new SyntaxProblem('edge labels must be plain, non-empty text');
  }
  cursor.pos = end + 1;
  return label;
}

interface Cursor {
  readonly text: string;
  pos: number;
}

function skipSpaces(cursor: Cursor): void {
  while (cursor.text[cursor.pos] === ' ' || cursor.text[cursor.pos] === '\t') cursor.pos += 1;
}

function rest(cursor: Cursor): string {
  return cursor.text.slice(cursor.pos, cursor.pos + 20);
}
