import { zipEntries } from './zip-directory';

/** What the bytes say a file is, whatever its name claims. */
export type SniffedKind = 'pdf' | 'png' | 'jpeg' | 'docx' | 'zip' | 'ole' | 'text' | 'unknown';

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: the container of legacy .doc files. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function sniff(content: Buffer): SniffedKind {
  if (startsWith(content, PDF)) return 'pdf';
  if (startsWith(content, PNG)) return 'png';
  if (startsWith(content, JPEG)) return 'jpeg';
  if (startsWith(content, OLE)) return 'ole';
  if (startsWith(content, ZIP)) return isWordDocument(content) ? 'docx' : 'zip';
  return isText(content) ? 'text' : 'unknown';
}

/** A .docx is an Office Open XML package whose main part is word/document.xml. */
function isWordDocument(content: Buffer): boolean {
  const names = new Set((zipEntries(content) ?? []).map((entry) => entry.name));
  return names.has('[Content_Types].xml') && names.has('word/document.xml');
}

/** Markdown is text: valid UTF-8 with no NUL bytes (which no text editor writes). */
function isText(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    utf8.decode(content);
    return true;
  } catch {
    return false;
  }
}

function startsWith(content: Buffer, magic: Buffer): boolean {
  return content.length >= magic.length && content.subarray(0, magic.length).equals(magic);
}
