import { createHash } from 'node:crypto';
import { AppError, FieldProblem } from '@/common/errors';
import { extensionOf, sanitizeFilename } from './filename';
import { sniff, SniffedKind } from './file-sniffer';
import { ALLOWED_EXTENSIONS, isAllowedExtension, UPLOAD_KINDS, UploadKind } from './upload-kinds';

/** What multer hands over (memory storage); the subset the checks need. */
export interface IncomingFile {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

export interface CheckedFile {
  readonly filename: string;
  readonly originalFilename: string;
  readonly content: Buffer;
  readonly sha256: string;
  readonly kind: UploadKind;
  readonly sniffed: SniffedKind;
}

const KIND_NAMES: Record<SniffedKind, string> = {
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  docx: 'a Word (.docx) document',
  zip: 'a zip archive',
  ole: 'an OLE compound file (.doc)',
  text: 'UTF-8 text',
  unknown: 'binary data of an unknown type',
};

/**
 * Every file of a request checked before anything is stored, so a bad file refuses the whole
 * request and leaves nothing behind: a usable name, an allowed extension and content that is
 * what the extension says (magic bytes), within the size limit. Problems name `files[i]`.
 */
export function checkFiles(files: readonly IncomingFile[], maxFileBytes: number): CheckedFile[] {
  const checked: CheckedFile[] = [];
  const problems: (FieldProblem & { type: 'size' | 'media' | 'input' })[] = [];
  files.forEach((file, index) => {
    const field = `files[${index}]`;
    const refuse = (type: 'size' | 'media' | 'input', message: string): void => {
      problems.push({ field, message: `${field}: ${message}`, type });
    };
    const filename = sanitizeFilename(file.originalname);
    if (!filename) return refuse('input', 'the file name is empty once path parts are removed');
    const shown = `${field} (${filename})`;
    if (file.size > maxFileBytes) {
      return refuse('size', `larger than the ${formatBytes(maxFileBytes)} limit (${shown})`);
    }
    if (file.size === 0) return refuse('input', `the file is empty (${shown})`);
    const extension = extensionOf(filename);
    if (!isAllowedExtension(extension)) {
      const allowed = ALLOWED_EXTENSIONS.map((name) => `.${name}`).join(', ');
      return refuse('media', `only ${allowed} files are accepted (${shown})`);
    }
    const kind = UPLOAD_KINDS[extension];
    const sniffed = sniff(file.buffer);
    if (sniffed !== kind.sniffed) {
      return refuse(
        'media',
        `the content of ${shown} is ${KIND_NAMES[sniffed]}, not what .${extension} promises`,
      );
    }
    checked.push({
      filename,
      originalFilename: file.originalname.replace(/[\p{Cc}]/gu, '').slice(0, 1024),
      content: file.buffer,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      kind,
      sniffed,
    });
  });
  if (problems.length > 0) throw refusal(problems);
  return checked;
}

function refusal(problems: (FieldProblem & { type: 'size' | 'media' | 'input' })[]): AppError {
  const fields = problems.map(({ field, message }) => ({ field, message }));
  const message = fields.map((problem) => problem.message).join('; ');
  // The most specific status wins: any oversize file is a 413, any wrong type a 415.
  if (problems.some((problem) => problem.type === 'size')) {
    return new AppError('PAYLOAD_TOO_LARGE', `File too large: ${message}`, { fields });
  }
  if (problems.some((problem) => problem.type === 'media')) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', `Unsupported file: ${message}`, { fields });
  }
  return AppError.validation(fields);
}

export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
