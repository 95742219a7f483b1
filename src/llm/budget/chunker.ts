import { contentTerms } from '../text/keywords';
import { splitParagraphs, splitSentences } from '../text/sentences';
import { countTextTokens } from '../token-counter';

export interface TextChunk {
  /** Position in the document, so chosen chunks can be put back in reading order. */
  readonly index: number;
  readonly text: string;
  readonly tokens: number;
}

interface Piece {
  readonly text: string;
  readonly tokens: number;
  readonly startsParagraph: boolean;
}

/**
 * Splits a document into chunks of at most `maxTokens`, on paragraph boundaries where possible,
 * else on sentence boundaries. Only a single sentence longer than a whole chunk is split inside
 * (at clause punctuation, then between words), because it cannot be kept whole anywhere.
 */
export function chunkText(
  text: string,
  maxTokens: number,
  count: (text: string) => number = countTextTokens,
): TextChunk[] {
  const pieces: Piece[] = [];
  for (const paragraph of splitParagraphs(text)) {
    const tokens = count(paragraph);
    if (tokens <= maxTokens) {
      pieces.push({ text: paragraph, tokens, startsParagraph: true });
      continue;
    }
    splitSentences(paragraph)
      .flatMap((sentence) => splitOversized(sentence, maxTokens, count))
      .forEach((piece, i) => pieces.push({ ...piece, startsParagraph: i === 0 }));
  }
  const chunks: TextChunk[] = [];
  let current = '';
  let currentTokens = 0;
  for (const piece of pieces) {
    // +1 for the joining whitespace: a safe upper bound without re-encoding the chunk.
    if (current && currentTokens + piece.tokens + 1 > maxTokens) {
      chunks.push({ index: chunks.length, text: current, tokens: currentTokens });
      current = '';
      currentTokens = 0;
    }
    const separator = current ? (piece.startsParagraph ? '\n\n' : ' ') : '';
    current += separator + piece.text;
    currentTokens += piece.tokens + (separator ? 1 : 0);
  }
  if (current) chunks.push({ index: chunks.length, text: current, tokens: currentTokens });
  return chunks;
}

function splitOversized(
  sentence: string,
  maxTokens: number,
  count: (text: string) => number,
): { text: string; tokens: number }[] {
  const tokens = count(sentence);
  if (tokens <= maxTokens) return [{ text: sentence, tokens }];
  const clauses = sentence.split(/(?<=[;:,])\s+/);
  const units = clauses.length > 1 ? clauses : sentence.split(/\s+/);
  // One enormous "word" (a URL, a base64 blob): there is nowhere sensible to split it.
  if (units.length === 1) return [{ text: sentence, tokens }];
  const out: { text: string; tokens: number }[] = [];
  let current = '';
  for (const unit of units) {
    const candidate = current ? `${current} ${unit}` : unit;
    if (current && count(candidate) > maxTokens) {
      out.push(...splitOversized(current, maxTokens, count));
      current = unit;
    } else current = candidate;
  }
  out.push(...splitOversized(current, maxTokens, count));
  return out;
}

const K1 = 1.2;
const B = 0.75;

/**
 * The chunks most relevant to `query` (BM25 over content terms) that fit in `budgetTokens`,
 * returned in document order. With no query terms, or no overlap, the document's beginning wins.
 */
export function selectRelevantChunks(
  chunks: readonly TextChunk[],
  query: string,
  budgetTokens: number,
): TextChunk[] {
  const queryTerms = [...new Set(contentTerms(query))];
  const docs = chunks.map((chunk) => contentTerms(chunk.text));
  const averageLength = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(docs.length, 1);
  const documentFrequency = new Map<string, number>();
  for (const doc of docs) {
    for (const term of new Set(doc))
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const scored = chunks.map((chunk, i) => {
    const doc = docs[i];
    const score = queryTerms.reduce((sum, term) => {
      const tf = doc.filter((t) => t === term).length;
      if (tf === 0) return sum;
      const df = documentFrequency.get(term) ?? 0;
      const idf = Math.log(1 + (chunks.length - df + 0.5) / (df + 0.5));
      const norm = tf + K1 * (1 - B + (B * doc.length) / Math.max(averageLength, 1));
      return sum + (idf * tf * (K1 + 1)) / norm;
    }, 0);
    return { chunk, score };
  });
  scored.sort((a, b) => b.score - a.score || a.chunk.index - b.chunk.index);
  const chosen: TextChunk[] = [];
  let used = 0;
  for (const { chunk } of scored) {
    if (used + chunk.tokens > budgetTokens) continue;
    chosen.push(chunk);
    used += chunk.tokens;
  }
  return chosen.sort((a, b) => a.index - b.index);
}

/** Chosen chunks as one text, with an explicit marker wherever chunks were left out. */
export function joinWithGaps(chosen: readonly TextChunk[], total: number): string {
  const parts: string[] = [];
  let expected = 0;
  for (const chunk of chosen) {
    if (chunk.index > expected) parts.push('[…]');
    parts.push(chunk.text);
    expected = chunk.index + 1;
  }
  if (expected < total) parts.push('[…]');
  return parts.join('\n\n');
}
