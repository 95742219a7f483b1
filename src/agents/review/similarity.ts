import { contentTerms } from '@/llm/text/keywords';

/** Inputs are capped so a huge PRD costs a bounded, roughly linear amount of work. */
const MAX_ITEMS = 200;
const MAX_WORDS = 40;
/** Words shared by more items than this say nothing about which two are alike. */
const MAX_POSTINGS = 40;
const SHINGLE = 8;
const MAX_SHINGLE_WORDS = 30_000;
/** Names sharing their first two words that are looked for at one place (titles rarely do). */
const MAX_NAMES_PER_START = 64;

export interface Similar {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
}

/**
 * Pairs of items whose content words overlap by `threshold` (Jaccard) or more. Candidates come
 * from an inverted index of words, skipping words too common to discriminate, so the work is
 * items × words × postings at most, never all pairs.
 */
export function nearDuplicates(
  items: readonly { readonly id: string; readonly text: string }[],
  threshold: number,
): Similar[] {
  const sets = items
    .slice(0, MAX_ITEMS)
    .map((item) => ({ id: item.id, words: new Set(contentTerms(item.text).slice(0, MAX_WORDS)) }));
  const postings = new Map<string, number[]>();
  sets.forEach((item, index) => {
    for (const word of item.words) {
      const list = postings.get(word) ?? [];
      list.push(index);
      postings.set(word, list);
    }
  });
  const pairs: Similar[] = [];
  sets.forEach((item, index) => {
    const shared = new Map<number, number>();
    for (const word of item.words) {
      const list = postings.get(word) ?? [];
      if (list.length > MAX_POSTINGS) continue;
      for (const other of list) if (other > index) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    for (const [other, count] of shared) {
      const union = item.words.size + sets[other].words.size - count;
      // count >= 1 (a shared word), so the union is never empty.
      const similarity = count / union;
      if (similarity >= threshold) pairs.push({ a: item.id, b: sets[other].id, similarity });
    }
  });
  return pairs;
}

export interface SharedPassage {
  readonly sections: readonly [string, string];
  /** The first words of the passage, as a hint of what was pasted. */
  readonly sample: string;
}

/**
 * Passages of SHINGLE words or more that appear in two sections: the same text pasted twice.
 * One result per pair of sections; the words read are capped.
 */
export function sharedPassages(sections: Readonly<Record<string, string>>): SharedPassage[] {
  const firstSeen = new Map<string, string>();
  const found = new Map<string, SharedPassage>();
  let budget = MAX_SHINGLE_WORDS;
  for (const [section, text] of Object.entries(sections)) {
    const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, budget);
    budget -= words.length;
    const seenHere = new Set<string>();
    for (let i = 0; i + SHINGLE <= words.length; i++) {
      const shingle = words.slice(i, i + SHINGLE).join(' ');
      if (seenHere.has(shingle)) continue;
      seenHere.add(shingle);
      const earlier = firstSeen.get(shingle);
      // A shingle first seen in this section is in seenHere: `earlier` is another section.
      if (earlier === undefined) firstSeen.set(shingle, section);
      else {
        const key = `${earlier}|${section}`;
        if (!found.has(key)) found.set(key, { sections: [earlier, section], sample: shingle });
      }
    }
    if (budget <= 0) break;
  }
  return [...found.values()];
}

/**
 * Each section's words with every occurrence of a name (a title of two words or more, such as
 * "Filling cancellations") left out, so quoting a requirement's name elsewhere is not pasted
 * text. One pass over each section's words (as many as sharedPassages reads) with the names
 * indexed by their first two words: linear in the text, whatever the number of names.
 */
export function withoutNames(
  sections: Readonly<Record<string, string>>,
  names: readonly string[],
): Record<string, string> {
  const byStart = new Map<string, string[][]>();
  for (const name of names) {
    const words = wordsOf(name);
    if (words.length < 2) continue;
    const start = `${words[0]} ${words[1]}`;
    const list = byStart.get(start) ?? [];
    if (list.length < MAX_NAMES_PER_START) list.push(words);
    byStart.set(start, list);
  }
  for (const list of byStart.values()) list.sort((a, b) => b.length - a.length);
  const result: Record<string, string> = {};
  for (const [section, text] of Object.entries(sections)) {
    const words = wordsOf(text).slice(0, MAX_SHINGLE_WORDS);
    const kept: string[] = [];
    for (let i = 0; i < words.length;) {
      const candidates = i + 1 < words.length ? byStart.get(`${words[i]} ${words[i + 1]}`) : null;
      const name = candidates?.find((words_) => startsAt(words, i, words_));
      if (name) {
        i += name.length;
      } else {
        kept.push(words[i]);
        i += 1;
      }
    }
    result[section] = kept.join(' ');
  }
  return result;
}

function startsAt(words: readonly string[], at: number, name: readonly string[]): boolean {
  if (at + name.length > words.length) return false;
  for (let k = 0; k < name.length; k++) if (words[at + k] !== name[k]) return false;
  return true;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
