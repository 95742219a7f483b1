import { AppError } from '@/common/errors';
import { WorkerSlots } from '@/common/workers/bounded-worker';
import { docxText } from './docx-text';
import { SniffedKind } from './file-sniffer';
import { pdfText } from './pdf-text';
import { zipEntries } from './zip-directory';

export type TextExtraction =
  | { readonly status: 'extracted'; readonly text: string; readonly truncated: boolean }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'not_applicable' };

/** Plenty for an LLM's context; more would only be cut later. */
export const MAX_TEXT_CHARS = 500_000;
/** A 10 MB .docx that really inflates past this is a decompression bomb. */
export const MAX_DOCX_INFLATED_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
const WORKER_HEAP_MB = 256;

/**
 * PDF and .docx parsing run in worker threads; at most this many at once in the process (each
 * has its own heap), and a few dozen uploads may wait for one before the next gets a 503.
 */
export const EXTRACTION_SLOTS = new WorkerSlots(
  2,
  32,
  'Too many documents are being read right now; try again shortly',
);

/**
 * Text for the agents' context from pdf, docx and markdown uploads (images and legacy .doc have
 * none we can read). A file we cannot read is still a valid upload, and the failure is recorded
 * on it; the only error thrown is the 503 of a full extraction queue (nothing is stored then).
 */
export async function extractText(kind: SniffedKind, content: Buffer): Promise<TextExtraction> {
  const reader = READERS[kind];
  if (!reader) return { status: 'not_applicable' };
  try {
    const text = normalise(await reader(content));
    return text.length > MAX_TEXT_CHARS
      ? { status: 'extracted', text: text.slice(0, MAX_TEXT_CHARS), truncated: true }
      : { status: 'extracted', text, truncated: false };
  } catch (error) {
    if (error instanceof AppError) throw error;
    return { status: 'failed', error: describe(error) };
  }
}

const READERS: Partial<Record<SniffedKind, (content: Buffer) => Promise<string>>> = {
  text: (content) => Promise.resolve(content.toString('utf8')),
  pdf: (content) =>
    EXTRACTION_SLOTS.run(() =>
      pdfText(content, { timeoutMs: TIMEOUT_MS, maxHeapMb: WORKER_HEAP_MB }),
    ),
  docx: readDocx,
};

function readDocx(content: Buffer): Promise<string> {
  const entries = zipEntries(content);
  if (!entries) return Promise.reject(new Error('not a readable zip archive'));
  return EXTRACTION_SLOTS.run(() =>
    docxText(content, entries, {
      timeoutMs: TIMEOUT_MS,
      maxHeapMb: WORKER_HEAP_MB,
      maxInflatedBytes: MAX_DOCX_INFLATED_BYTES,
    }),
  );
}

/**
 * Line endings to \n, trailing blanks off every line, at most one empty line in a row, trimmed.
 * Written as loops: `/[ \t]+\n/` backtracks quadratically on a long run of spaces (a 10 MB upload
 * of blanks would have frozen the process for hours).
 */
export function normalise(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let emptyRun = 0;
  for (const line of lines) {
    let end = line.length;
    while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) {
      end -= 1;
    }
    const trimmed = end === line.length ? line : line.slice(0, end);
    emptyRun = trimmed === '' ? emptyRun + 1 : 0;
    if (emptyRun <= 1) kept.push(trimmed);
  }
  return kept.join('\n').trim();
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 200) || 'unreadable document';
}
