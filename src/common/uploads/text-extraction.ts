import mammoth from 'mammoth';
import { SniffedKind } from './file-sniffer';
import { pdfText } from './pdf-text';
import { zipEntries } from './zip-directory';

export type TextExtraction =
  | { readonly status: 'extracted'; readonly text: string; readonly truncated: boolean }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'not_applicable' };

/** Plenty for an LLM's context; more would only be cut later. */
export const MAX_TEXT_CHARS = 500_000;
/** A 10 MB .docx whose document part inflates past this is a decompression bomb. */
const MAX_DOCX_XML_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
const PDF_HEAP_MB = 256;

/**
 * Text for the agents' context from pdf, docx and markdown uploads (images and legacy .doc have
 * none we can read). Never throws: a file we cannot read is still a valid upload, and the
 * failure is recorded on it.
 */
export async function extractText(kind: SniffedKind, content: Buffer): Promise<TextExtraction> {
  const reader = READERS[kind];
  if (!reader) return { status: 'not_applicable' };
  try {
    const text = normalise(await withTimeout(reader(content), TIMEOUT_MS));
    return text.length > MAX_TEXT_CHARS
      ? { status: 'extracted', text: text.slice(0, MAX_TEXT_CHARS), truncated: true }
      : { status: 'extracted', text, truncated: false };
  } catch (error) {
    return { status: 'failed', error: describe(error) };
  }
}

const READERS: Partial<Record<SniffedKind, (content: Buffer) => Promise<string>>> = {
  text: (content) => Promise.resolve(content.toString('utf8')),
  pdf: readPdf,
  docx: readDocx,
};

function readPdf(content: Buffer): Promise<string> {
  return pdfText(content, { timeoutMs: TIMEOUT_MS, maxHeapMb: PDF_HEAP_MB });
}

async function readDocx(content: Buffer): Promise<string> {
  const inflated = (zipEntries(content) ?? []).reduce(
    (sum, entry) => sum + entry.uncompressedSize,
    0,
  );
  if (inflated > MAX_DOCX_XML_BYTES) throw new Error('document expands to more than 64 MB');
  return (await mammoth.extractRawText({ buffer: content })).value;
}

function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 200) || 'unreadable document';
}
