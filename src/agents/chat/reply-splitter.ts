/** Where the model's reading of the idea starts: everything from here on is not for the person. */
export const IDEA_MARKER = '<idea>';
const IDEA_END = '</idea>';

export interface SplitReply {
  /** What to pass on now: the last of the visible text, '' when all of it went out already. */
  readonly rest: string;
  /** The visible reply, exactly the concatenation of everything `push` and `rest` passed on. */
  readonly content: string;
  /** The JSON after the marker, parsed; null when there was none or it did not parse. */
  readonly idea: Record<string, unknown> | null;
}

/**
 * Separates a streamed reply from the idea reading the model appends after IDEA_MARKER, while it
 * streams: text goes out as it comes, except a tail that could still turn out to be the marker
 * (or whitespace before it), which waits for the next delta. So the person never sees the marker
 * or the JSON, and what was streamed is exactly what is saved.
 */
export class ReplySplitter {
  private sent = '';
  private held = '';
  private after: string | null = null;

  /** The part of `delta` that can be shown now. */
  push(delta: string): string {
    if (this.after !== null) {
      this.after += delta;
      return '';
    }
    const buffer = this.held + delta;
    const at = buffer.indexOf(IDEA_MARKER);
    if (at >= 0) {
      this.after = buffer.slice(at + IDEA_MARKER.length);
      this.held = '';
      // Whitespace that only separated the reply from the marker is not part of the reply.
      return this.pass(buffer.slice(0, at).trimEnd());
    }
    const keep = heldBack(buffer);
    this.held = buffer.slice(buffer.length - keep);
    return this.pass(buffer.slice(0, buffer.length - keep));
  }

  finish(): SplitReply {
    const rest = this.after === null ? this.pass(this.held) : '';
    this.held = '';
    return { rest, content: this.sent, idea: this.after === null ? null : parseIdea(this.after) };
  }

  private pass(text: string): string {
    this.sent += text;
    return text;
  }
}

/**
 * How many trailing characters might still belong to the marker: the longest suffix that is a
 * start of it, plus the whitespace before that (the marker usually sits on its own line).
 */
function heldBack(buffer: string): number {
  let partial = 0;
  for (let length = Math.min(IDEA_MARKER.length - 1, buffer.length); length > 0; length--) {
    if (IDEA_MARKER.startsWith(buffer.slice(buffer.length - length))) {
      partial = length;
      break;
    }
  }
  const before = buffer.slice(0, buffer.length - partial);
  const spaces = before.length - before.trimEnd().length;
  return partial + spaces;
}

function parseIdea(text: string): Record<string, unknown> | null {
  const end = text.indexOf(IDEA_END);
  const json = (end >= 0 ? text.slice(0, end) : text).trim();
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
