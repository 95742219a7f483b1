import { gerundBase, verbBase } from '../prd/feature-words';
import { BUSINESS_DOMAINS, GENERAL_PROFILE } from './domain-content-business';
import { PEOPLE_DOMAINS } from './domain-content-people';
import { Domain, DOMAIN_SIGNALS, DomainProfile } from './domain-profile';

export type { Domain } from './domain-profile';

/**
 * Reading an idea without a model: what the product is, who it is for, its domain and the words
 * it leans on. Shared by every offline drafter so their artefacts agree with each other.
 */
export interface IdeaReading {
  /** "the scheduling assistant" */
  readonly product: string;
  /** "independent physiotherapy clinics"; null when the idea does not say. */
  readonly audience: string | null;
  /** A marketplace's other side ("vetted local electricians"), when the idea names one. */
  readonly otherSide: string | null;
  /** The idea after the product's name: where its features are described. */
  readonly afterProduct: string;
}

const READ_CHARS = 2_000;
const MARKETPLACE_BONUS = 3;
const LEAD_IN = /^(i want to build|i want|i'd like|we want|let's build|build|imagine)\s+/i;
/** Where the product's name ends and what it does begins. */
const PRODUCT_END =
  /\s+(for|that|which|who|where|to|connecting|with|helping|letting|so)\s|,\s|\s+(lets|helps|allows|enables)\s/i;
const PHRASE_END =
  /^(to|that|who|which|with|and|in|on|by|where|when|so|instead|because|at|from|under|over|for)$/i;
const PEOPLE =
  /(ers|ors|ists|ians|ents|people|teams?|owners?|staff|members|famil(y|ies)|compan(y|ies)|clinics|practices|businesses|shops|bookshops|stores|firms|agencies|adults|kids|children|households|individuals|neighbou?rs|couples|schools|restaurants|agents|drivers|learners|users|customers)$/i;
const GENERIC_PEOPLE = /^(owners?|users?|customers?|members?|people)$/i;

export function readIdea(idea: string): IdeaReading {
  const text = idea.slice(0, READ_CHARS).trim().replace(LEAD_IN, '');
  const clause = (text.split(/[.;!?\n]/)[0] ?? '').trim();
  const end = PRODUCT_END.exec(clause);
  const named = stripArticle(end ? clause.slice(0, end.index) : clause);
  const product = named
    ? `the ${lowerFirst(named.split(/\s+/).slice(0, 5).join(' '))}`
    : 'the product';
  const rest = end ? clause.slice(end.index) : '';
  const candidates: string[] = [];
  let otherSide: string | null = null;
  const connecting = /\bconnect(?:s|ing)?\s+(.+?)\s+(?:with|to)\s+(.+)$/i.exec(rest);
  if (connecting) {
    candidates.push(phrase(connecting[1]));
    otherSide = phrase(connecting[2]) || null;
  }
  const introduced =
    /\b(for|lets|helps|allows|enables|where)\s+(.+?)(?=$|\b(?:for|lets|helps|allows|enables|where)\b)/gi;
  for (const match of rest.matchAll(introduced)) {
    // After "lets" or "where" comes a subject and its verb: the verb ends the phrase.
    candidates.push(phrase(match[2], match[1].toLowerCase() !== 'for'));
  }
  const people = candidates.find((candidate) => PEOPLE.test(candidate));
  const thing = candidates.find((candidate) => candidate && !PEOPLE.test(candidate));
  let audience = people ?? thing ?? null;
  // "a companion app for a smart bike lock that lets owners ..." → "smart bike lock owners".
  if (
    people &&
    GENERIC_PEOPLE.test(people) &&
    thing &&
    candidates.indexOf(thing) < candidates.indexOf(people)
  ) {
    audience = `${thing} ${people}`;
  }
  if (audience && /^(it|them|free|everyone|me|us)$/i.test(audience)) audience = null;
  const afterProduct = end ? text.slice(end.index).trim() : text.slice(clause.length).trim();
  return { product, audience: audience || null, otherSide, afterProduct };
}

/** The first words of a noun phrase: no article or possessive, no leading gerund, no clause. */
function phrase(text: string, stopAtVerb = false): string {
  const words = stripArticle(text).split(/\s+/);
  if (words.length > 1 && gerundBase(words[0]) !== null) words.shift();
  const kept: string[] = [];
  for (const [index, raw] of words.entries()) {
    const word = raw.replace(/[,.;:!?]+$/, '');
    if (PHRASE_END.test(word) || (index > 0 && gerundBase(word) !== null)) break;
    if (stopAtVerb && index > 0 && verbBase(word) !== null) break;
    if (/^(a|an|the|our|their|my|your)$/i.test(word)) continue;
    kept.push(word);
    if (raw !== word || kept.length === 4) break;
  }
  return kept.join(' ').toLowerCase();
}

/** The idea's domain: the one whose words it (and, less, the answers) uses most. */
export function domainOf(idea: string, answers = ''): Domain | null {
  return domainsOf(idea, answers)[0] ?? null;
}

/**
 * Every domain the text touches, most-touched first. What the product does weighs double; who it
 * is for counts once ("a budgeting app for students" is finance, not education), as do the
 * answers; an idea that connects two sides is a marketplace whatever they trade.
 */
export function domainsOf(idea: string, answers = ''): Domain[] {
  const reading = readIdea(idea);
  const audience = reading.audience ?? '';
  const ideaText = idea.slice(0, READ_CHARS).toLowerCase();
  const doing = audience ? ideaText.split(audience).join(' ') : ideaText;
  const rest = `${audience} ${answers.slice(0, READ_CHARS * 4)}`;
  const scored = DOMAIN_SIGNALS.map(([domain, signal], order) => ({
    domain,
    order,
    score:
      2 * (doing.match(signal)?.length ?? 0) +
      (rest.match(signal)?.length ?? 0) +
      (domain === 'marketplace' && reading.otherSide ? MARKETPLACE_BONUS : 0),
  })).filter((entry) => entry.score > 0);
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((entry) => entry.domain);
}

export function profileOf(domain: Domain | null): DomainProfile {
  if (domain === null) return GENERAL_PROFILE;
  return PEOPLE_DOMAINS[domain] ?? BUSINESS_DOMAINS[domain] ?? GENERAL_PROFILE;
}

function stripArticle(text: string): string {
  return text.trim().replace(/^(a|an|the|my|our|their)\s+/i, '');
}

const STOPWORDS = new Set(
  (
    'about also and app application are based build can connect connecting each every from have ' +
    'help idea into just like make more most need platform should some something such that ' +
    'their them ' +
    'then there these they this tool users want were what when where which while will with ' +
    'would your'
  ).split(' '),
);

/** The most frequent content words, ties broken by first appearance: deterministic. */
export function topTerms(text: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]{3,}/gu) ?? []) {
    if (!STOPWORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([word]) => word);
}

/** Lower-cases the first letter, unless the word is an acronym ("CLI"). */
export function lowerFirst(text: string): string {
  if (/^\p{Lu}{2}/u.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
