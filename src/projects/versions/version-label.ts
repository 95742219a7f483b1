/**
 * Versions are v1.0, v1.1, …: the major stays 1 and the minor is the project's save counter, so
 * a label is never reused, even after a rollback.
 */
export const VERSION_LABEL = /^v1\.(0|[1-9]\d{0,8})$/;

export function labelFor(seq: number): string {
  return `v1.${seq}`;
}

/** The counter value behind a label, or null when the text is not one of our labels. */
export function seqOf(label: string): number | null {
  const match = VERSION_LABEL.exec(label);
  return match ? Number(match[1]) : null;
}
