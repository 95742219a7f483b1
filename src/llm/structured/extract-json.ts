/** Answers are capped before scanning: far above any structured answer we ask for. */
const MAX_CHARS = 200_000;
const MAX_STARTS = 20;

export type Extracted =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/**
 * The JSON object in a model's answer: the whole answer, or fenced in ```json, or the first
 * balanced {...} inside prose ("Here is the JSON: {...} Hope this helps"). A cut-off answer is
 * reported as such, so the repair request can say what went wrong.
 */
export function extractJson(text: string): Extracted {
  const trimmed = text.slice(0, MAX_CHARS).trim();
  if (trimmed === '') return { ok: false, error: 'the answer is empty' };
  const fenced = /```(?:json)?\s*([\s\S]*?)\s*```/i.exec(trimmed)?.[1];
  const direct = parse(fenced ?? trimmed);
  if (direct.ok) return direct;
  let start = trimmed.indexOf('{');
  if (start === -1) return { ok: false, error: 'the answer contains no JSON object' };
  let failure = '';
  // Prose may hold braces of its own ("use {curly} quotes"): try the first few openings.
  for (let tries = 0; start !== -1 && tries < MAX_STARTS; tries++) {
    const end = matchingBrace(trimmed, start);
    if (end === -1) {
      return { ok: false, error: 'the JSON object is not closed: the answer looks cut off' };
    }
    const inner = parse(trimmed.slice(start, end + 1));
    if (inner.ok) return inner;
    failure ||= inner.error;
    start = trimmed.indexOf('{', start + 1);
  }
  return { ok: false, error: `the answer is not valid JSON (${failure})` };
}

function parse(text: string): Extracted {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The index of the brace closing the one at `start`, skipping strings; -1 when unclosed. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}' && --depth === 0) return i;
  }
  return -1;
}
