import { gerund, gerundBase, RECEIVING_VERBS, verbBase } from '../prd/feature-words';
import { capitalise } from './idea-reading';

/** What a feature does, which decides its acceptance criteria and journey steps. */
export type FeatureKind =
  | 'message'
  | 'match'
  | 'booking'
  | 'money'
  | 'sync'
  | 'insight'
  | 'tracking'
  | 'planning'
  | 'access'
  | 'approval'
  | 'learning'
  | 'view'
  | 'manage';

/** A feature read out of the idea or an answer: "texts patients on a waitlist". */
export interface FeatureDraft {
  /** "Texting patients on a waitlist": a gerund and its object, or the thing received. */
  readonly title: string;
  /** The verb's base form ("text"); null for a feature named by a noun ("Escrow payments"). */
  readonly verb: string | null;
  /** "patients on a waitlist" */
  readonly object: string;
  /** "when a driver is delayed": when the feature acts, if the text says. */
  readonly condition: string | null;
  readonly kind: FeatureKind;
}

const READ_CHARS = 2_000;
const MAX_OBJECT_WORDS = 6;
const MAX_WHEN_WORDS = 6;
const TOKEN = /[\p{L}\p{N}£$€%]+(?:['’.,-][\p{L}\p{N}%]+)*|[,;:.!?]/gu;
const DETERMINERS = new Set(
  'a an the my our their his her its this these those some any every each no your'.split(' '),
);
const PREPOSITIONS = new Set(
  'of for with in on to from at by into onto over under after before without about via per'.split(
    ' ',
  ),
);
/** Words after which a bare verb form is a verb: "they share", "to see", "can unlock". */
const BEFORE_BARE = new Set(
  'they we you i can will should must would could then and or , to also'.split(' '),
);
/** Words after which a third-person form is a verb: "that fills", "it texts", "and alerts". */
const BEFORE_THIRD = new Set(
  'that which who it and also automatically then , someone everyone he she'.split(' '),
);
const INTRODUCERS = new Set(['lets', 'let', 'helps', 'help', 'allows', 'enables', 'where']);
const STOPS = new Set(['.', ';', ':', '!', '?']);
const BOUNDARIES = new Set(
  'that which who what when so because by then while before until where if instead whenever once'.split(
    ' ',
  ),
);
const CONDITIONS = new Set(['when', 'if', 'whenever', 'once']);
const PARTICLES = new Set(['aside', 'up', 'out', 'off', 'back']);
const ADVERBS = new Set(
  'automatically instantly quickly easily seamlessly simply directly immediately also'.split(' '),
);
const PRONOUNS = new Set(['them', 'it', 'one', 'him', 'her', 'this', 'those', 'these']);
const TRAILING = new Set(
  'a an the and or of to for with in on from into by at their our your is are be will can who that which when what'.split(
    ' ',
  ),
);
const POSSESSIVES = new Set(['their', 'your', 'our', 'his', 'her', 'its']);

const KINDS: readonly [FeatureKind, RegExp][] = [
  ['message', /^(text|send|alert|notify|remind|message|email|warn|escalate|chat|invite)$/],
  ['match', /^(fill|refill|match|offer|assign|dispatch|allocate|swap|shortlist|connect|hire|vet)$/],
  ['booking', /^(book|schedule|reschedule|reserve|rent|borrow|lend|order|reorder|request|claim)$/],
  [
    'money',
    /^(pay|invoice|bill|refund|transfer|split|set|save|budget|price|balance|reconcile|move|issue)$/,
  ],
  [
    'sync',
    /^(sync|import|export|upload|link|scan|capture|log|record|pair|install|snap|read|tag|type)$/,
  ],
  [
    'insight',
    /^(predict|forecast|estimate|detect|flag|analy[sz]e|rank|recommend|suggest|score|classify|quarantine|highlight)$/,
  ],
  ['tracking', /^(track|monitor|measure|count|trace)$/],
  [
    'planning',
    /^(re-)?(plan|route|reroute|optimi[sz]e|prioriti[sz]e|organi[sz]e|sort|generate|build|draft|prepare|compile|write)$/,
  ],
  ['approval', /^(approve|sign|confirm|validate|accept|verify)$/],
  ['access', /^(share|lock|unlock|revoke|name)$/],
  ['learning', /^(learn|teach|practi[sc]e|quiz|review|coach|train|grade|test|translate|take)$/],
  [
    'view',
    /^(see|view|get|receive|have|search|find|browse|compare|list|map|locate|filter|visuali[sz]e|summari[sz]e|show|open|describe)$/,
  ],
];

const NOUN_KINDS: readonly [FeatureKind, RegExp][] = [
  ['money', /\b(pay\w*|escrow|budget\w*|expenses?|invoic\w*|refunds?|pric\w*|tax)\b/i],
  ['planning', /\b(plans?|planning|pacing|menus?|routes?)\b/i],
  ['message', /\b(alerts?|reminders?|notifications?|messages?)\b/i],
  ['tracking', /\b(tracking|progress|logs?)\b/i],
  ['booking', /\b(bookings?|scheduling|lending|rentals?|reservations?)\b/i],
  ['approval', /\b(approvals?)\b/i],
  ['access', /\b(access|permissions?)\b/i],
  ['learning', /\b(vocabulary|lessons?|quiz\w*|repetition|courses?)\b/i],
  ['insight', /\b(predictions?|forecasts?|insights?|reports?|analytics)\b/i],
];

export function kindOf(verb: string): FeatureKind {
  return KINDS.find(([, verbs]) => verbs.test(verb))?.[0] ?? 'manage';
}

function nounKind(phrase: string): FeatureKind {
  return NOUN_KINDS.find(([, words]) => words.test(phrase))?.[0] ?? 'manage';
}

/**
 * The features a text describes, in order: each verb of the product's vocabulary with its object
 * ("that fills last-minute cancellations" → "Filling last-minute cancellations"; "they get a
 * weekly plan" → "Weekly plan"). Verbs inside a condition ("when a driver reports a delay") are
 * not features; a pronoun object is resolved or the verb is skipped, so no title is a bare verb.
 * `audience` is who "them" means after a verb that messages people.
 */
export function featuresIn(text: string, audience: string | null): FeatureDraft[] {
  const tokens = text.slice(0, READ_CHARS).match(TOKEN) ?? [];
  const found: FeatureDraft[] = [];
  let conditional = false;
  let i = 0;
  while (i < tokens.length) {
    const word = tokens[i].toLowerCase();
    if (CONDITIONS.has(word)) conditional = true;
    if (word === ',' || STOPS.has(word)) conditional = false;
    const base = conditional ? null : verbAt(tokens, i);
    if (base === null) {
      i += 1;
      continue;
    }
    const read = objectAfter(tokens, i + 1);
    const previous = found.at(-1);
    const joined = previous !== undefined && tokens[i - 1]?.toLowerCase() === 'and';
    const feature = featureOf(base, read, audience, joined ? previous : undefined);
    if (feature && !found.some((known) => sameTitle(known.title, feature.title))) {
      found.push(feature);
    }
    i = Math.max(read.end, i + 1);
  }
  return found;
}

/** ", with escrow payments", "with training plans and race pacing": features named by nouns. */
export function featuresNamed(text: string): FeatureDraft[] {
  const found: FeatureDraft[] = [];
  for (const match of text.slice(0, READ_CHARS).matchAll(/(?:^|,)\s*with\s+([^,.;:!?]+)/gi)) {
    for (const part of match[1].split(/\s+and\s+/)) {
      const words = part
        .trim()
        .split(/\s+/)
        .filter((word) => !DETERMINERS.has(word.toLowerCase()));
      // One word ("with escrow") names no feature on its own; five or more is a clause.
      if (words.length < 2 || words.length > 4) continue;
      const phrase = words.join(' ');
      found.push({
        title: capitalise(phrase),
        verb: null,
        object: phrase,
        condition: null,
        kind: nounKind(phrase),
      });
    }
  }
  return found;
}

/** The base of the verb at `i`, when the word is used as a verb there. */
function verbAt(tokens: readonly string[], i: number): string | null {
  const word = tokens[i].toLowerCase();
  const back = (n: number) => (tokens[i - n] ?? (n === 1 ? ',' : '')).toLowerCase();
  const asGerund = gerundBase(word);
  if (asGerund)
    return i === 0 || ['by', 'for', 'and', ',', 'or'].includes(back(1)) ? asGerund : null;
  const base = verbBase(word);
  if (base === null) return null;
  if (base === word) {
    // A bare form ("share") is a verb after a subject pronoun, "to", a modal, or "lets owners".
    return BEFORE_BARE.has(back(1)) || INTRODUCERS.has(back(2)) ? base : null;
  }
  // Third person ("fills"): after "that", "and", "it", or a subject such as "the manager".
  if (back(1) === 'and' && nounListAt(tokens, i)) return null;
  if (BEFORE_THIRD.has(back(1))) return base;
  if (DETERMINERS.has(back(1)) || PREPOSITIONS.has(back(1)) || back(1).endsWith("'s")) return null;
  for (let n = 2; n <= 4; n++) {
    const earlier = back(n);
    if (DETERMINERS.has(earlier) || earlier === 'and' || earlier === ',') return base;
    if (PREPOSITIONS.has(earlier) || STOPS.has(earlier) || verbBase(earlier) !== null) return null;
  }
  return null;
}

/**
 * "orders and refunds on one screen": a plural noun, "and", a word that could be a verb, then a
 * preposition reads as a list of nouns; "books one and pays after" does not (no plural before).
 */
function nounListAt(tokens: readonly string[], i: number): boolean {
  const before = (tokens[i - 2] ?? '').toLowerCase();
  const after = (tokens[i + 1] ?? '.').toLowerCase();
  const objectFollows = DETERMINERS.has(after) || PRONOUNS.has(after) || POSSESSIVES.has(after);
  return (
    !objectFollows &&
    /[^s]s$/.test(before) &&
    (PREPOSITIONS.has(after) || STOPS.has(after) || after === ',')
  );
}

interface ObjectRead {
  readonly particle: string;
  readonly words: readonly string[];
  /** A "when ..." clause: completes a short object ("re-optimises deliveries when ..."). */
  readonly when: readonly string[];
  readonly end: number;
}

function objectAfter(tokens: readonly string[], start: number): ObjectRead {
  let i = start;
  let particle = '';
  if (PARTICLES.has(tokens[i]?.toLowerCase() ?? '')) particle = tokens[i++].toLowerCase();
  // "scan or type what is in the fridge": the second verb shares the object.
  if (tokens[i]?.toLowerCase() === 'or' && verbBase(tokens[i + 1] ?? '')) i += 2;
  const words: string[] = [];
  for (; i < tokens.length && words.length < MAX_OBJECT_WORDS * 2; i++) {
    const raw = tokens[i];
    const word = raw.toLowerCase();
    if (STOPS.has(word)) break;
    if (words.length > 0 && BOUNDARIES.has(word)) break;
    if (word === ',') {
      const next = (tokens[i + 1] ?? '').toLowerCase();
      if (next === 'and' || next === 'or') {
        const after = (tokens[i + 2] ?? '').toLowerCase();
        if (startsClause(tokens, i + 2) || PREPOSITIONS.has(after) || BOUNDARIES.has(after)) break;
        i += 1;
      } else if (startsClause(tokens, i + 1) || PREPOSITIONS.has(next) || BOUNDARIES.has(next)) {
        break;
      }
      words.push(',');
      continue;
    }
    if (word === 'and' && startsClause(tokens, i + 1)) break;
    if (ADVERBS.has(word)) continue;
    words.push(raw);
  }
  const when: string[] = [];
  if (tokens[i]?.toLowerCase() === 'when') {
    for (let j = i; j < tokens.length && when.length < MAX_WHEN_WORDS; j++) {
      if (STOPS.has(tokens[j]) || tokens[j] === ',') break;
      when.push(tokens[j]);
    }
  }
  return { particle, words, when, end: i };
}

/**
 * ", the manager approves", "and finance exports", ", gets", ", name the bike": a new clause
 * with its own verb, not the next item of a list.
 */
function startsClause(tokens: readonly string[], i: number): boolean {
  const first = (tokens[i] ?? '').toLowerCase();
  if (['then', 'they', 'we', 'you', 'i'].includes(first)) return true;
  const base = verbBase(first);
  if (base !== null) {
    const next = (tokens[i + 1] ?? '.').toLowerCase();
    if (base !== first) return !nounListAt(tokens, i);
    return next !== ',' && next !== 'and' && !STOPS.has(next);
  }
  for (let j = i + 1; j < Math.min(i + 4, tokens.length); j++) {
    const word = tokens[j].toLowerCase();
    if (STOPS.has(word) || word === ',' || word === 'and' || word === 'or') return false;
    if (PREPOSITIONS.has(word)) return false;
    const verb = verbBase(word);
    if (verb !== null && verb !== word) return true;
  }
  return false;
}

function featureOf(
  base: string,
  read: ObjectRead,
  audience: string | null,
  joinedTo: FeatureDraft | undefined,
): FeatureDraft | null {
  let kind = kindOf(base);
  let words = read.words
    .filter(
      (word, index) =>
        !(
          word.toLowerCase() === 'own' &&
          POSSESSIVES.has(read.words[index - 1]?.toLowerCase() ?? '')
        ),
    )
    .map((word) => (POSSESSIVES.has(word.toLowerCase()) ? 'the' : word));
  if (words.length > 0 && PRONOUNS.has(words[0].toLowerCase())) {
    if (kind === 'message' && audience) words = [audience.split(' ').at(-1) ?? audience];
    else if (joinedTo) words = headOf(joinedTo.object);
    else return null;
  }
  const object = tidy(words, MAX_OBJECT_WORDS);
  if (object === '') return null;
  // "set a date" is not "set aside money"; "connect a bank account" is not matchmaking.
  if (base === 'set' && read.particle !== 'aside') kind = 'manage';
  if (base === 'connect' && !/(ers|ents|people|businesses|teams)\b/i.test(object)) kind = 'sync';
  const condition =
    read.when.length > 0 && object.split(' ').length <= 3 ? tidy(read.when, MAX_WHEN_WORDS) : null;
  if (RECEIVING_VERBS.has(base)) {
    const thing = object.replace(/^(a|an|the)\s+/i, '');
    return { title: capitalise(thing), verb: base, object, condition: null, kind: 'view' };
  }
  const verb = [gerund(base), read.particle].filter(Boolean).join(' ');
  const title = [capitalise(verb), object, condition].filter(Boolean).join(' ');
  return { title, verb: base, object, condition, kind };
}

/** "flaky tests in CI pipelines" → "flaky tests": the noun phrase before its qualifiers. */
export function headOf(object: string): string[] {
  const words = object.split(' ');
  const cut = words.findIndex((word, index) => index > 0 && TRAILING.has(word.toLowerCase()));
  return cut === -1 ? words : words.slice(0, cut);
}

/** The object as a title tail: list commas rejoined, cut to `max` words, no dangling words. */
function tidy(words: readonly string[], max: number): string {
  const joined = words.join(' ').replace(/\s+,/g, ',').replace(/,\s*$/, '');
  let kept = joined.split(' ').filter(Boolean);
  const cut = kept.length > max;
  kept = kept.slice(0, max);
  if (cut) {
    // Cut where a phrase ends ("a 5-day menu and a grocery" → "a 5-day menu"), not mid-phrase.
    const ends = kept.map((word, index) =>
      index >= 2 && (TRAILING.has(word.toLowerCase()) || word.endsWith(',')) ? index : -1,
    );
    const last = Math.max(...ends);
    if (last > 0) kept = kept.slice(0, kept[last].endsWith(',') ? last + 1 : last);
  }
  while (kept.length > 0) {
    const raw = kept[kept.length - 1];
    const last = raw.toLowerCase().replace(/,$/, '');
    if (TRAILING.has(last) || (cut && /ed$/.test(last)) || raw.endsWith(',')) kept.pop();
    else break;
  }
  return kept.join(' ');
}

function sameTitle(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const PLURAL_HEADS =
  /^(alert|approval|reminder|notification|report|plan|list|booking|payment|recommendation|offer)$/;
const PRODUCT_HEADS =
  /^(app|application|tool|system|assistant|platform|service|workflow|dashboard|software|bot|site|website|portal)$/;

/**
 * What the product's own name says it does: "the route planning tool" → "Route planning"; "the
 * stock alert system" → "Stock alerts"; "the booking tool" → "Booking workflow".
 */
export function productFeature(product: string): FeatureDraft | null {
  const words = product.replace(/^the\s+/, '').split(/\s+/);
  if (words.length < 2 || !PRODUCT_HEADS.test(words[words.length - 1].toLowerCase())) return null;
  const modifiers = words.slice(0, -1);
  if (modifiers.some((word) => /^(and|or|for|internal|new|simple|smart|online)$/i.test(word))) {
    return null;
  }
  const last = modifiers[modifiers.length - 1];
  if (modifiers.length === 1) {
    // "the booking tool" → "Booking workflow"; "the companion app" names no activity.
    if (gerundBase(last) === null) return null;
    modifiers.push('workflow');
  } else if (PLURAL_HEADS.test(last.toLowerCase())) {
    modifiers[modifiers.length - 1] = `${last}s`;
  }
  const phrase = modifiers.join(' ');
  const verb =
    modifiers.map((word) => gerundBase(word) ?? verbBase(word)).find((found) => found !== null) ??
    null;
  return {
    title: capitalise(phrase),
    verb,
    object: phrase,
    condition: null,
    kind: verb ? kindOf(verb) : nounKind(phrase),
  };
}
