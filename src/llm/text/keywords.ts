/**
 * Words that carry no topic: articles, pronouns, auxiliaries, filler verbs of a request,
 * greetings, and the role labels of a chat transcript.
 */
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each either else ' +
    'etc few for from further get gets got had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just let lets like make me more most much ' +
    'must my myself need needs no nor not now of off on once only or other our ours ourselves ' +
    'out over own please really same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up us very via was ' +
    'want wants we were what when where which while who whom why will with would yet you your ' +
    'yours yourself yourselves help build create app idea something thing things way one able ' +
    'lot kind sort new using use used hi hello hey thanks thank ok okay yes sure great cool ' +
    'user assistant system ' +
    // Action verbs of a feature request: they join noun phrases, they do not name topics.
    'generate suggest based allow provide support save enable offer include give find see know ' +
    'think keep try start show send add track manage handle let'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Lower-cased words, with possessives and plurals folded so "users" matches "user". */
export function terms(text: string): string[] {
  return (text.match(WORD) ?? []).map(normalise).filter((word) => word.length > 1);
}

export function isStopword(term: string): boolean {
  return STOPWORDS.has(term);
}

export function contentTerms(text: string): string[] {
  return terms(text).filter((term) => !isStopword(term));
}

function normalise(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith('s') && !/(ss|us|is)$/.test(lower)) {
    return lower.slice(0, -1);
  }
  return lower;
}

export interface KeyPhrase {
  /** As written in the text (first occurrence), for showing back to the user. */
  readonly text: string;
  readonly score: number;
}

/**
 * Key phrases by RAKE (rapid automatic keyword extraction): runs of content words between
 * stopwords and punctuation, scored by the words' degree/frequency. Deterministic: ties keep
 * the order of first appearance.
 */
export function keyPhrases(text: string, limit: number): KeyPhrase[] {
  const candidates: { words: string[]; surface: string }[] = [];
  for (const fragment of text.split(/[.,;:!?()[\]{}"“”\n\r\t/|]+/)) {
    let run: string[] = [];
    let surface: string[] = [];
    const flush = (): void => {
      if (run.length > 0 && run.length <= 4)
        candidates.push({ words: run, surface: surface.join(' ') });
      run = [];
      surface = [];
    };
    for (const raw of fragment.match(WORD) ?? []) {
      const term = normalise(raw);
      if (isStopword(term) || term.length < 2 || /^\d+$/.test(term)) flush();
      else {
        run.push(term);
        surface.push(raw);
      }
    }
    flush();
  }
  const frequency = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const { words } of candidates) {
    for (const word of words) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
      degree.set(word, (degree.get(word) ?? 0) + words.length);
    }
  }
  // RAKE alone ignores repetition; a phrase the writer keeps coming back to matters more.
  const phrases = new Map<string, { text: string; score: number; count: number }>();
  for (const { words, surface } of candidates) {
    const key = words.join(' ');
    const seen = phrases.get(key);
    if (seen) {
      seen.count += 1;
      continue;
    }
    const score = words.reduce((sum, w) => sum + (degree.get(w) ?? 0) / (frequency.get(w) ?? 1), 0);
    phrases.set(key, { text: surface, score, count: 1 });
  }
  const ranked = [...phrases.entries()]
    .map(([key, { text, score, count }], order) => ({
      words: key.split(' '),
      phrase: { text, score: score * (1 + 0.5 * (count - 1)) },
      order,
    }))
    .sort((a, b) => b.phrase.score - a.phrase.score || a.order - b.order);
  // "grocery lists" adds nothing once "weekly grocery lists" is in.
  const chosen: typeof ranked = [];
  for (const candidate of ranked) {
    if (chosen.length === limit) break;
    const covered = chosen.some(({ words }) => candidate.words.every((w) => words.includes(w)));
    if (!covered) chosen.push(candidate);
  }
  return chosen.map(({ phrase }) => phrase);
}
