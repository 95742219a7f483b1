/**
 * The verbs product ideas describe features with, and their forms. The offline drafter names
 * features from them ("texts patients" → "Texting patients"); the review recognises a title that
 * is only a verb ("Fills for clinics") by them.
 */
const VERBS = (
  'accept add adjust alert allocate analyse analyze answer approve archive assign automate ' +
  'balance bill book borrow browse budget build calculate cancel capture categorise categorize ' +
  'chat check claim classify coach collect compare compile confirm connect convert coordinate ' +
  'count create deliver detect dispatch distribute draft edit email escalate estimate export ' +
  'fill filter find flag forecast generate grade guide highlight hire host import invite ' +
  'invoice issue learn lend link list locate lock log manage map match measure message ' +
  'monitor notify offer onboard optimise optimize order organise organize pay pick plan post ' +
  'practise practice predict prepare price print prioritise prioritize process publish quiz ' +
  'rank rate recommend reconcile record refill refund remind rent reorder replace report ' +
  'request reroute reschedule reserve review reward route save scan schedule score search ' +
  'sell send set share ship shortlist sign simulate sort split store submit suggest summarise ' +
  'summarize supply swap sync teach test text trace track train transfer translate unlock ' +
  'update upload validate verify vet visualise visualize warn write describe install open read ' +
  'show take move tag pair name snap revoke quarantine detect get see view receive type'
).split(' ');

const BASES = new Set(VERBS);

/** Verbs whose object is the feature itself ("get a weekly plan" → "Weekly plan"). */
export const RECEIVING_VERBS = new Set(
  'get gets see sees receive receives view views have has'.split(' '),
);

/** The base form of a verb written in the third person or as is ("fills" → "fill"); else null. */
export function verbBase(word: string): string | null {
  const lower = word.toLowerCase();
  const candidates = [
    lower,
    lower.replace(/ies$/, 'y'),
    lower.replace(/(ch|sh|ss|x|z|o)es$/, '$1'),
    lower.replace(/s$/, ''),
  ];
  const found = candidates.find((candidate) => BASES.has(candidate));
  if (found) return found;
  const again = /^re-?([a-z]{3,})$/.exec(lower);
  const base = again ? verbBase(again[1]) : null;
  return base ? `re-${base}` : null;
}

/** The base of a gerund ("texting" → "text", "sharing" → "share", "planning" → "plan"). */
export function gerundBase(word: string): string | null {
  const lower = word.toLowerCase();
  if (!lower.endsWith('ing') || lower.length < 6) return null;
  const stem = lower.slice(0, -3);
  const candidates = [stem, `${stem}e`, stem.replace(/(.)\1$/, '$1'), stem.replace(/y$/, 'ie')];
  const found = candidates.find((candidate) => BASES.has(candidate));
  if (found) return found;
  const again = /^re-?([a-z]{3,})$/.exec(stem);
  const base = again ? gerundBase(`${again[1]}ing`) : null;
  return base ? `re-${base}` : null;
}

/** A third-person verb form such as "fills", "matches" (not the bare "fill"). */
export function isThirdPerson(word: string): boolean {
  const base = verbBase(word);
  return base !== null && base !== word.toLowerCase();
}

/** "fill" → "filling", "share" → "sharing", "plan" → "planning", "text" → "texting". */
export function gerund(base: string): string {
  if (base.startsWith('re-')) return `re-${gerund(base.slice(3))}`;
  if (base === 'quiz') return 'quizzing';
  if (/ie$/.test(base)) return `${base.slice(0, -2)}ying`;
  if (/ue$/.test(base)) return `${base.slice(0, -1)}ing`;
  if (/[^aeiou]e$/.test(base) && !/(ee|ye|oe)$/.test(base)) return `${base.slice(0, -1)}ing`;
  const vowelGroups = base.match(/[aeiou]+/g)?.length ?? 0;
  if (vowelGroups === 1 && /[^aeiou][aeiou][bdgklmnprt]$/.test(base)) {
    return `${base}${base.at(-1)}ing`;
  }
  return `${base}ing`;
}
