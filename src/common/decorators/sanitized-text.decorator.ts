import { Transform } from 'class-transformer';

const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<\/?[a-z!?][^>]*>/gi;
const CONTROL = /[\u0000-\u001f\u007f]/g; // eslint-disable-line no-control-regex

/**
 * Plain text from user input: markup removed (with the content of script/style elements),
 * stray angle brackets and control characters dropped, whitespace collapsed and trimmed.
 * For fields that are shown as text (names, titles), not for content that is markdown.
 */
export function toPlainText(raw: string): string {
  return raw
    .replace(SCRIPT_OR_STYLE, '')
    .replace(TAG, '')
    .replace(/[<>]/g, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** DTO property decorator; non-strings pass through untouched so @IsString() reports them. */
export function SanitizedText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? toPlainText(value) : value,
  );
}
