/** Largest input_data / output_data kept whole; anything bigger is replaced by a marked preview. */
export const MAX_LOGGED_BYTES = 32_768;
const PREVIEW_CHARS = 2_000;

/**
 * Makes arbitrary run data safe to store on every supported document store: plain
 * JSON values only, no key with "." or a leading "$", no array directly inside an array (FerretDB
 * 1.x refuses them; the inner one becomes {items: [...]}), and a size cap. Over the cap the data
 * is replaced by an explicit {truncated: true, bytes, preview} so a reader knows it is partial.
 */
export function portableData(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  const json = JSON.stringify(value) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_LOGGED_BYTES) {
    return { truncated: true, bytes, preview: json.slice(0, PREVIEW_CHARS) };
  }
  const plain = sanitise(JSON.parse(json) as unknown, false);
  return typeof plain === 'object' && plain !== null && !Array.isArray(plain)
    ? (plain as Record<string, unknown>)
    : { value: plain };
}

function sanitise(value: unknown, insideArray: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => sanitise(item, true));
    return insideArray ? { items } : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [safeKey(key), sanitise(inner, false)]),
    );
  }
  return value;
}

function safeKey(key: string): string {
  return key.replace(/\./g, '_').replace(/^\$/, '_');
}
