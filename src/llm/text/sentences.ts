/** Paragraphs: blocks separated by blank lines, trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** Common abbreviations whose dot does not end a sentence. */
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|inc|ltd|approx|no|fig)\.$/i;

/**
 * Sentences, split after . ! ? (and line breaks, which end list items and headings), keeping the
 * punctuation, so joining them back with spaces loses nothing but whitespace.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\n+/)) {
    const pieces = line.split(/(?<=[.!?]["')\]]?)\s+(?=\S)/);
    let pending = '';
    for (const piece of pieces) {
      pending = pending ? `${pending} ${piece}` : piece;
      if (!ABBREVIATION.test(pending)) {
        if (pending.trim()) sentences.push(pending.trim());
        pending = '';
      }
    }
    if (pending.trim()) sentences.push(pending.trim());
  }
  return sentences;
}
