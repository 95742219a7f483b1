import { SniffedKind } from './file-sniffer';

/** Seed 000 §7's whitelist: each allowed extension, the content it must have, how it is stored. */
export const UPLOAD_KINDS = {
  pdf: { sniffed: 'pdf', contentType: 'application/pdf', stored: 'pdf' },
  doc: { sniffed: 'ole', contentType: 'application/msword', stored: 'doc' },
  docx: {
    sniffed: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    stored: 'docx',
  },
  md: { sniffed: 'text', contentType: 'text/markdown; charset=utf-8', stored: 'md' },
  png: { sniffed: 'png', contentType: 'image/png', stored: 'png' },
  jpg: { sniffed: 'jpeg', contentType: 'image/jpeg', stored: 'jpg' },
  jpeg: { sniffed: 'jpeg', contentType: 'image/jpeg', stored: 'jpg' },
} as const satisfies Record<string, { sniffed: SniffedKind; contentType: string; stored: string }>;

export type UploadExtension = keyof typeof UPLOAD_KINDS;
export type UploadKind = (typeof UPLOAD_KINDS)[UploadExtension];

export const ALLOWED_EXTENSIONS = Object.keys(UPLOAD_KINDS) as UploadExtension[];

export function isAllowedExtension(extension: string): extension is UploadExtension {
  return Object.prototype.hasOwnProperty.call(UPLOAD_KINDS, extension);
}
