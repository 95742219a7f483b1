/** Device names Windows will not create a file under, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// C0/C1 control characters and Unicode format characters (bidi overrides such as U+202E can
// disguise "gpj.exe" as "exe.jpg").
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
const MAX_LENGTH = 255;

/**
 * The name an upload is shown and offered for download under: the last path segment only (a
 * client may send "../../x.md" or "C:\\Users\\x.md"), without control or format characters,
 * characters Windows forbids, leading dots (no hidden files, no "..") or trailing dots and
 * spaces, reserved device names prefixed with "_", at most 255 characters with the extension
 * kept. Null when nothing usable is left. Storage keys never use it (they are content hashes).
 */
export function sanitizeFilename(raw: string): string | null {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .replace(INVISIBLE, '')
    .replace(WINDOWS_FORBIDDEN, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') return null;
  if (RESERVED.test(name.split('.')[0])) name = `_${name}`;
  if (name.length > MAX_LENGTH) {
    const extension = extensionOf(name);
    const suffix = extension ? `.${extension}` : '';
    name = `${name.slice(0, MAX_LENGTH - suffix.length)}${suffix}`;
  }
  return name;
}

/** Lower-cased text after the last dot, or '' when there is none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}
