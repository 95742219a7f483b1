/**
 * Reading an idea without a model: what the product is, who it is for, its domain and the words
 * it leans on. Shared by every offline drafter so their artefacts agree with each other.
 */
export type Domain =
  'marketplace' | 'commerce' | 'health' | 'finance' | 'education' | 'social' | 'business';

const DOMAIN_SIGNALS: [Domain, RegExp][] = [
  ['marketplace', /\b(marketplace|connect\w*|freelanc\w*|buyers?|sellers?|gigs?)\b/i],
  ['commerce', /\b(shop\w*|stores?|e-?commerce|cart|orders?|retail|delivery)\b/i],
  ['health', /\b(health\w*|fitness|workouts?|patients?|medical|clinic\w*|wellness)\b/i],
  ['finance', /\b(payments?|bank\w*|budget\w*|invoic\w*|finance|fintech|wallets?|escrow)\b/i],
  ['education', /\b(learn\w*|students?|courses?|teach\w*|schools?|tutor\w*)\b/i],
  ['social', /\b(communit\w*|social|friends|sharing|chat)\b/i],
  ['business', /\b(teams?|businesses|saas|dashboards?|workflows?|enterprise|crm|inventory)\b/i],
];

/**
 * "A fitness tracking app for marathon runners, with plans" → product "the fitness tracking
 * app", audience "marathon runners"; a leading gerund ("for connecting freelancers") is skipped.
 */
export function readIdea(idea: string): { product: string; audience: string | null } {
  const clause = (idea.split(/[.;:!?]|,\s/)[0] ?? idea)
    .replace(/^(i want to build|i want|i'd like|we want|let's build|build)\s+/i, '')
    .trim();
  const [before, after] = splitOnce(clause, /\s+for\s+/i);
  const named = lowerFirst(stripArticle(before)).replace(/^something\b/, 'product');
  const product = `the ${named.split(' ').slice(0, 6).join(' ')}`;
  if (after === null) return { product: before ? product : 'the product', audience: null };
  const audienceWords = stripArticle(after)
    .split(/\s+(?:to|that|who|with|and|in|on|by)\s+/i)[0]
    .split(' ')
    .filter((word, index) => !(index === 0 && /ing$/i.test(word)))
    .slice(0, 4);
  const audience = audienceWords.join(' ').toLowerCase();
  return {
    product,
    audience: audience && !/^(it|them|free|everyone)$/.test(audience) ? audience : null,
  };
}

function splitOnce(text: string, separator: RegExp): [string, string | null] {
  const match = separator.exec(text);
  return match
    ? [text.slice(0, match.index), text.slice(match.index + match[0].length)]
    : [text, null];
}

function stripArticle(text: string): string {
  return text.trim().replace(/^(a|an|the|my|our)\s+/i, '');
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

export function domainsOf(idea: string): Domain[] {
  return DOMAIN_SIGNALS.filter(([, signal]) => signal.test(idea)).map(([domain]) => domain);
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
