import type {
  AnswerStatus,
  ClarificationAnswer,
  ClarificationQuestion,
  RecordedAnswer,
} from '@/domain/clarification';
import {
  type LensCoverageMap as CoverageMap,
  THINKING_LENSES,
  ThinkingLens,
} from '@/domain/thinking-lenses';
import { contentTerms } from '@/llm/text/keywords';
import { verbBase } from './prd/feature-words';

/** A clarification question as the clarify graph asks it: with its choices and recommendation. */
export type QuestionWithChoices = ClarificationQuestion;

/** An answer with its id ("A-3"), which requirements cite so every answer is traceable. */
export interface NumberedAnswer extends ClarificationAnswer {
  readonly id: string;
  /** False for a blank or "don't know" answer: whatever it asked becomes an [ASSUMPTION]. */
  readonly answered: boolean;
}

export type { AnswerStatus } from '@/domain/clarification';
export type { LensCoverage, LensCoverageMap as CoverageMap } from '@/domain/thinking-lenses';

export interface AnswerUse {
  readonly id: string;
  readonly status: AnswerStatus;
  /** The lens it is evidence for; null unless used or moved. */
  readonly lens: ThinkingLens | null;
  /** For a repeat: the answer it repeats. */
  readonly repeats: string | null;
}

/** Per lens: the answers that address it, and whether the uploads do. */
export interface LensEvidence {
  readonly answers: readonly NumberedAnswer[];
  readonly uploads: readonly string[];
}
export type EvidenceMap = Record<ThinkingLens, LensEvidence>;

const NON_ANSWER =
  /^(n\/?a|none|no idea|idk|i don'?t know|not sure|unsure|tbd|skip(ped)?|-|\?+)\.?$/i;
const CLEAR_WORDS = 4;
/** Scoring looks at the start of an answer only: answers are capped at 5 000 chars anyway. */
const SCORED_CHARS = 2_000;
const UPLOAD_CHARS = 20_000;
const UPLOAD_SENTENCES = 400;
/** Jaccard of word sets from which two answers are the same answer pasted twice. */
const REPEAT_SIMILARITY = 0.8;
const MAX_ACTIONS = 2;
const PERSONA =
  /\b\w{3,}(ers|ents|ists|ians)\b|\b(people|owners?|teams?|famil(y|ies)|adults|kids|children|staff)\b/i;
const ARTICLES = new Set([
  'a',
  'an',
  'the',
  'of',
  'for',
  'to',
  'in',
  'on',
  'their',
  'our',
  'your',
  'my',
]);
const STEP_STARTS = new Set(['they', 'we', 'you', 'i', 'then', 'and', ',', 'to', 'can']);

/**
 * What each lens is about, as word stems. Each hit scores 1 (weighted entries more): the lens
 * with the highest score is what a text is about. Plain alternations on short, capped texts.
 */
const LENS_SIGNALS: Record<ThinkingLens, readonly [RegExp, number][]> = {
  discovery: [
    [
      /\b(problems?|pain|struggl\w*|frustrat\w*|lose|loses|losing|lost|miss(es|ed|ing)?|no-?shows?|wast\w*|hard to|difficult|manual\w*|by hand|spreadsheets?|paper|workarounds?)\b/gi,
      1,
    ],
    [
      /\b(today|currently|at the moment|right now|instead of|we are|they are|who|people|owners?|independent|busy|expensive|time-consuming|annoy\w*|tedious|can'?t|cannot|don'?t know|forget\w*|scared|afraid|fear\w*|stolen|surprise\w*|chase\w*|switch(es|ing)? between)\b/gi,
      1,
    ],
  ],
  user_journey: [
    [
      /\b(sign(s|ing)? up|onboard\w*|log(s|ging)? in|opens?|taps?|clicks?|selects?|chooses?|picks?|scans?|uploads?|imports?|enters?|books?|confirms?|repl(y|ies)|receives?|browses?|posts?|shortlists?|checks? out|walks? through)\b/gi,
      1,
    ],
    [
      /\b(then|first|next|after that|afterwards|finally|steps?|screens?|dashboard|home page|flows?|journeys?|notifications?)\b/gi,
      1,
    ],
  ],
  metrics: [
    [
      /\b(metrics?|kpis?|measur\w*|rates?|ratio|retention|conversion|nps|targets?|goals?|average|median|revenue|active users|success (looks like|means|is))\b/gi,
      1,
    ],
    [
      /\d+(\.\d+)?\s?(%|percent)|\b(per|a|each|every) (day|week|month|quarter|year)\b|\b(daily|weekly|monthly)\b/gi,
      1,
    ],
    [/\b(number of|share of|time to|increase|reduce|grow|drop)\b/gi, 1],
  ],
  gtm: [
    // A price ("£6 a month") is pricing; an amount alone ("bikes worth £2,000") may be anything.
    [/([£$€]\s?\d[\d,.]*|\b\d+\s?(usd|eur|gbp|dollars?|pounds?|euros?))\s?(a|per|\/)\s?\w+/gi, 2],
    [/[£$€]\s?\d|\b\d+\s?(usd|eur|gbp|dollars?|pounds?|euros?)\b/gi, 1],
    [
      /\b(pric\w*|subscriptions?|per seat|per user|free|freemium|trials?|fees?|commissions?|paid plans?|pay(s|ing)? for|charg\w*)\b/gi,
      1,
    ],
    [
      /\b(channels?|marketing|ads|advertis\w*|seo|partners?\w*|associations?|referrals?|word of mouth|sell\w*|sales|launch\w*|app stores?|newsletters?|conferences?|influencers?|resell\w*|distribut\w*|competitors?|alternatives?|roll(ed|ing)?[- ]?outs?|pilots?|beta|early access|go(es)? live)\b/gi,
      1,
    ],
  ],
  risks: [
    [
      /\b(risks?|risky|regulat\w*|complian\w*|gdpr|hipaa|pci|privacy|consent|secur\w*|breach\w*|fraud\w*|trust\w*|liabilit\w*|legal\w*|lawsuits?|insurance|outages?|downtime|abuse|spam|opt(s|ed)?[- ]out|worr(y|ied|ies)|concerns?|afraid|safety|disputes?|chargebacks?|licen[cs]\w*)\b/gi,
      1,
    ],
    [
      /\b(fail\w*|churn\w*|competition|wrong|mistakes?|inaccura\w*|misuse|broken|damag\w*|theft|injur\w*|accidents?|ignor\w*|refus\w*|should not|shouldn'?t)\b/gi,
      1,
    ],
  ],
};

export function numberAnswers(answers: readonly ClarificationAnswer[]): NumberedAnswer[] {
  return answers.map((answer, index) => ({
    ...answer,
    answer: answer.answer.trim(),
    id: `A-${index + 1}`,
    answered: isAnswered(answer.answer),
  }));
}

export function isAnswered(answer: string): boolean {
  const text = answer.trim();
  return text !== '' && !NON_ANSWER.test(text);
}

/**
 * How strongly a text speaks to each lens (0: not at all). `actions` counts product verbs used
 * as steps toward the journey: right for an answer ("they connect ..., tag ..."), not for an idea,
 * which names what the product does without walking through it.
 */
export function lensScores(text: string, actions = true): Record<ThinkingLens, number> {
  const capped = text.slice(0, SCORED_CHARS);
  const scores = {} as Record<ThinkingLens, number>;
  for (const lens of THINKING_LENSES) {
    scores[lens] = LENS_SIGNALS[lens].reduce(
      (sum, [signal, weight]) => sum + (capped.match(signal)?.length ?? 0) * weight,
      0,
    );
  }
  if (actions) scores.user_journey += Math.min(actionsIn(capped), MAX_ACTIONS);
  // Naming a kind of person ("amateur marathon runners") is describing who the users are.
  if (PERSONA.test(capped)) scores.discovery += 1;
  return scores;
}

/**
 * Someone doing things with the product, step after step ("they connect ..., tag ..., and the
 * app moves ..."): the product verbs used as verbs, after a subject or a step separator.
 */
function actionsIn(text: string): number {
  const words = text.toLowerCase().match(/[\p{L}'-]+|,/gu) ?? [];
  let actions = 0;
  words.forEach((word, index) => {
    const base = verbBase(word);
    if (base === null || index === 0) return;
    const previous = words[index - 1];
    if (base !== word ? !ARTICLES.has(previous) : STEP_STARTS.has(previous)) actions += 1;
  });
  return actions;
}

/** The lens a text is most about; null when it says nothing any lens listens for. */
export function lensOfText(
  text: string,
  prefer: readonly ThinkingLens[] = [],
): ThinkingLens | null {
  const scores = lensScores(text);
  let best: ThinkingLens | null = null;
  for (const lens of THINKING_LENSES) {
    if (scores[lens] === 0) continue;
    const better =
      best === null ||
      scores[lens] > scores[best] ||
      (scores[lens] === scores[best] && prefer.includes(lens) && !prefer.includes(best));
    if (better) best = lens;
  }
  return best;
}

/**
 * What each answer counts for. The same text pasted under several questions counts once, for
 * the lens it is about; an answer plainly about another lens counts there; one that speaks to
 * no lens counts for its question only if it shares a word with the question or the idea.
 */
export function classifyAnswers(answers: readonly NumberedAnswer[], idea = ''): AnswerUse[] {
  const uses: AnswerUse[] = [];
  const firsts: { answer: NumberedAnswer; words: Set<string> }[] = [];
  const groups = new Map<string, NumberedAnswer[]>();
  for (const answer of answers) {
    if (!answer.answered) continue;
    const words = new Set(contentTerms(answer.answer.slice(0, SCORED_CHARS)));
    const first = firsts.find((candidate) => sameAnswer(candidate.words, words));
    if (first) groups.get(first.answer.id)?.push(answer);
    else {
      firsts.push({ answer, words });
      groups.set(answer.id, [answer]);
    }
  }
  const ideaStems = stems(idea);
  const lensOfGroup = new Map<string, { lens: ThinkingLens | null; carrier: string | null }>();
  for (const [firstId, members] of groups) {
    const asked = members.map((member) => member.lens);
    const about = lensOfText(members[0].answer, asked);
    if (members.length === 1) {
      const [answer] = members;
      lensOfGroup.set(firstId, {
        lens: lensOfAnswer(answer, about, ideaStems),
        carrier: answer.id,
      });
      continue;
    }
    const lens = about ?? members[0].lens;
    const carrier = members.find((member) => member.lens === lens) ?? members[0];
    lensOfGroup.set(firstId, { lens, carrier: carrier.id });
  }
  const firstOf = new Map<string, string>();
  for (const [firstId, members] of groups) for (const m of members) firstOf.set(m.id, firstId);
  for (const answer of answers) {
    if (!answer.answered) {
      uses.push({ id: answer.id, status: 'unanswered', lens: null, repeats: null });
      continue;
    }
    const group = lensOfGroup.get(firstOf.get(answer.id) ?? '') ?? { lens: null, carrier: null };
    // A single answer's lens may be null (off-topic); a group always counts once somewhere.
    if (group.carrier === null || group.lens === null) {
      uses.push({ id: answer.id, status: 'off_topic', lens: null, repeats: null });
    } else if (group.carrier !== answer.id) {
      uses.push({ id: answer.id, status: 'repeat', lens: null, repeats: group.carrier });
    } else {
      const status = group.lens === answer.lens ? 'used' : 'moved';
      uses.push({ id: answer.id, status, lens: group.lens, repeats: null });
    }
  }
  return uses;
}

/**
 * One answer's lens: its question's, if it speaks to it at all and no other lens plainly
 * dominates (two signals, twice as many); else the dominant one; else its question's if it at
 * least shares a word with the question or the idea; else none (off-topic).
 */
function lensOfAnswer(
  answer: NumberedAnswer,
  about: ThinkingLens | null,
  ideaStems: Set<string>,
): ThinkingLens | null {
  const scores = lensScores(answer.answer);
  const own = scores[answer.lens];
  const other = about && about !== answer.lens ? scores[about] : 0;
  if (own > 0 && !(other >= 2 && other >= 2 * own)) return answer.lens;
  if (other >= 2) return about;
  return sharesStem(answer.answer, answer.question, ideaStems) ? answer.lens : null;
}

/** The answers (and upload sentences) that address each lens. */
export function evidenceOf(
  answers: readonly NumberedAnswer[],
  idea = '',
  uploadsText = '',
  uses: readonly AnswerUse[] = classifyAnswers(answers, idea),
): EvidenceMap {
  const uploads = uploadEvidence(uploadsText);
  const evidence = {} as EvidenceMap;
  for (const lens of THINKING_LENSES) {
    evidence[lens] = {
      answers: answers.filter((_, index) => uses[index].lens === lens),
      uploads: uploads[lens],
    };
  }
  return evidence;
}

/**
 * Per lens: clear when some answer that addresses it says enough to write from (a few words, or
 * the lens's own vocabulary) or an uploaded document speaks to it; partial when it was touched
 * only briefly; missing otherwise. Repeated and off-topic answers count for nothing.
 */
export function coverageOf(
  answers: readonly NumberedAnswer[],
  uploadsText = '',
  idea = '',
  uses?: readonly AnswerUse[],
): CoverageMap {
  const evidence = evidenceOf(answers, idea, uploadsText, uses);
  const coverage = {} as CoverageMap;
  for (const lens of THINKING_LENSES) {
    const { answers: given, uploads } = evidence[lens];
    const clear =
      uploads.length > 0 ||
      given.some(
        (answer) =>
          answer.answer.split(/\s+/).length >= CLEAR_WORDS || lensScores(answer.answer)[lens] > 0,
      );
    coverage[lens] = clear ? 'clear' : given.length > 0 ? 'partial' : 'missing';
  }
  return coverage;
}

/**
 * The answers as a clarification session records them (numbered, each with what it counted
 * for, its text as sent) and the coverage they give per lens, classified once.
 */
export function assessAnswers(
  answers: readonly ClarificationAnswer[],
  idea: string,
  uploadsText: string,
): { readonly answers: RecordedAnswer[]; readonly coverage: CoverageMap } {
  const numbered = numberAnswers(answers);
  const uses = classifyAnswers(numbered, idea);
  return {
    answers: answers.map(({ lens, question, answer }, index) => ({
      id: numbered[index].id,
      lens,
      question,
      answer,
      status: uses[index].status,
      counts_for: uses[index].lens,
      repeats: uses[index].repeats,
    })),
    coverage: coverageOf(numbered, uploadsText, idea, uses),
  };
}

/** Sentences of the uploads that are clearly about one lens (two signals or more), per lens. */
function uploadEvidence(uploadsText: string): Record<ThinkingLens, string[]> {
  const found = {} as Record<ThinkingLens, string[]>;
  for (const lens of THINKING_LENSES) found[lens] = [];
  const sentences = uploadsText
    .slice(0, UPLOAD_CHARS)
    .split(/(?<=[.!?])\s+|\n+/)
    .slice(0, UPLOAD_SENTENCES);
  for (const raw of sentences) {
    const sentence = raw.replace(/\s+/g, ' ').trim();
    if (sentence.length < 20 || sentence.length > 300) continue;
    const lens = lensOfText(sentence);
    if (lens && lensScores(sentence)[lens] >= 2 && found[lens].length < 3) {
      found[lens].push(sentence);
    }
  }
  return found;
}

function sameAnswer(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared) >= REPEAT_SIMILARITY;
}

function stems(text: string): Set<string> {
  return new Set(contentTerms(text.slice(0, SCORED_CHARS)).map((word) => word.slice(0, 5)));
}

function sharesStem(answer: string, question: string, ideaStems: Set<string>): boolean {
  const asked = stems(question);
  return [...stems(answer)].some((stem) => ideaStems.has(stem) || asked.has(stem));
}
