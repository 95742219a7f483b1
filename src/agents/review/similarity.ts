import { contentTerms } from '@/llm/text/keywords';

/** Inputs are capped so a huge PRD costs a bounded, roughly linear amount of work. */
const MAX_ITEMS = 200;
const MAX_WORDS = 40;
/** Words shared by more items than this say nothing about which two are alike. */
const MAX_POSTINGS = 40;
const SHINGLE = 8;
const MAX_SHINGLE_WORDS = 30_000;

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
      const similarity = union === 0 ? 0 : count / union;
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
      if (earlier === undefined) firstSeen.set(shingle, section);
      else if (earlier !== section) {
        const key = `${earlier}|${section}`;
        if (!found.has(key)) found.set(key, { sections: [earlier, section], sample: shingle });
      }
    }
    if (budget <= 0) break;
  }
  return [...found.values()];
}
