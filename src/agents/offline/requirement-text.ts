import { FeatureDraft, FeatureKind, headOf } from './features';
import { capitalise, lowerFirst } from './idea-reading';

/** Who does what, as the requirement sentences name them. */
export interface Voice {
  /** "the scheduling assistant" */
  readonly product: string;
  /** "independent physiotherapy clinics" */
  readonly actors: string;
  /** "a clinic" */
  readonly actor: string;
}

export function voiceOf(product: string, audience: string | null): Voice {
  const actors = audience ?? 'its users';
  const head = (audience ?? 'user').split(' ').at(-1) ?? 'user';
  const single = /^teams?$/i.test(head) ? 'team member' : singular(head);
  return { product, actors, actor: `${articleFor(single)} ${single}` };
}

/** "an" before a vowel sound: "an organiser", but "a user", "a union member". */
function articleFor(word: string): 'a' | 'an' {
  return /^[aeiou]/i.test(word) && !/^(u[bcdfgklmnprstvz][aeiou]|eu|one)/i.test(word) ? 'an' : 'a';
}

type Template = (voice: Voice, parts: Parts) => readonly [string, string];

interface Parts {
  readonly title: string;
  /** The object with its article ("a 5-day menu"). */
  readonly object: string;
  readonly head: string;
  readonly when: string | null;
}

/**
 * Two acceptance criteria per requirement, written for what the feature does: a happy path with
 * a number a tester can check, and the edge case that kind of feature gets wrong.
 */
const CRITERIA: Record<FeatureKind, Template> = {
  message: (v, p) => [
    `Given ${p.head} who agreed to be contacted, when ${p.when ?? `${v.product} has news for them`}, then each gets one message within 1 minute and its delivery status is logged.`,
    `Given a recipient who opted out, when a message about ${p.title} would go to them, then nothing is sent and ${v.actors} see that they opted out.`,
  ],
  match: (v, p) => [
    `Given at least two eligible candidates for ${p.head}, when ${v.actor} starts ${p.title}, then the first to accept is confirmed and the others are told within 5 minutes.`,
    `Given an offer for ${p.head} that nobody accepts within 30 minutes, when the time runs out, then the next candidate is offered and ${v.actor} is told if none is left.`,
  ],
  booking: (v, p) => [
    `Given ${p.head} free at the chosen time, when ${v.actor} books one, then it is confirmed within 2 seconds and both sides are notified.`,
    `Given ${p.head} already booked for a time, when someone else tries the same time, then they are refused and shown the next free time.`,
  ],
  money: (v, p) => [
    `Given ${v.actor} with a connected account, when ${p.title} is due, then the exact amount is shown before anything moves and a receipt is recorded.`,
    `Given a transfer for ${p.head} that fails, when it is retried, then nothing is taken twice and ${v.actor} sees why it failed within 1 minute.`,
  ],
  sync: (v, p) => [
    `Given ${p.head} ready to bring in, when ${v.actor} starts ${p.title}, then every item appears in ${v.product} within 1 minute with its source.`,
    `Given the same items brought in twice, when ${p.title} runs again, then no duplicate is created and the second run reports 0 new items.`,
  ],
  insight: (v, p) => [
    `Given at least 4 weeks of history, when ${v.product} runs ${p.title}, then each result shows the data it is based on and how confident it is.`,
    `Given ${v.actor} marks a result about ${p.head} as wrong, when the next run happens, then that case is not flagged again without new evidence.`,
  ],
  tracking: (v, p) => [
    `Given ${v.actor} records ${p.head}, when they open ${v.product}, then the latest entry is shown within 2 seconds with its date.`,
    `Given an entry about ${p.head} made by mistake, when it is edited or deleted within 24 hours, then every total updates at once.`,
  ],
  planning: (v, p) => [
    `Given the inputs for ${p.head}, when ${p.title} runs, then a complete result is ready within 30 seconds and lists anything it could not fit.`,
    p.when
      ? `Given ${p.when.replace(/^when\s+/i, '')}, when ${v.product} plans again, then only the affected part of ${p.head} changes and ${v.actors} see the change within 1 minute.`
      : `Given one input for ${p.head} changes, when ${v.actor} asks again, then only the affected part changes and the change is highlighted.`,
  ],
  access: (v, p) => [
    `Given ${v.actor} and a person they choose, when they use ${p.title}, then that person gets exactly that access within 1 minute and it is recorded in an access log.`,
    `Given access to ${p.head} that was granted, when ${v.actor} revokes it, then it stops working within 1 minute on every device.`,
  ],
  approval: (v, p) => [
    `Given a request waiting for approval in ${v.product}, when the approver acts on ${p.title}, then the decision is recorded with who made it and the requester is told within 1 minute.`,
    `Given a request raised by the approver themselves, when they try to approve it, then they cannot and another approver is asked.`,
  ],
  learning: (v, p) => [
    `Given ${v.actor} with a goal, when they finish ${p.title}, then their next session is scheduled from the results and shown with its length.`,
    `Given an item of ${p.head} they get wrong, when the session ends, then it comes back sooner than the items they got right.`,
  ],
  view: (v, p) => [
    `Given ${v.actor} with data in ${v.product}, when they open it, then they see ${p.object} within 2 seconds.`,
    `Given nothing to show for ${p.object} yet, when they open it, then they see what to do first instead of an empty screen.`,
  ],
  manage: (v, p) => [
    `Given ${v.actor} signed in, when they use ${p.title} with valid input, then the change is saved and shown within 2 seconds.`,
    `Given invalid input for ${p.head}, when it is submitted, then nothing is saved and the field to fix is named.`,
  ],
};

/** The steps of a journey through one feature, for features no answer walked through. */
const STEPS: Record<FeatureKind, (v: Voice, p: Parts) => readonly string[]> = {
  message: (v, p) => [
    p.head === v.actors
      ? `${capitalise(v.actors)} choose what they want to hear about`
      : `${capitalise(v.actors)} choose which ${p.head.replace(/^(the|a|an)\s+/i, '')} may be contacted`,
    `${capitalise(v.product)} sends the message ${p.when ?? 'when it is due'}`,
    'Recipients reply or act on it',
    `${capitalise(v.actors)} see the outcome in the log`,
  ],
  match: (v, p) => [
    `${capitalise(v.actors)} record ${p.head}`,
    `${capitalise(v.product)} offers it to the best candidate first`,
    'A candidate accepts and the others are told',
    `${capitalise(v.actors)} see it confirmed`,
  ],
  booking: (v, p) => [
    `${capitalise(v.actors)} find ${p.head} and pick a time`,
    'They confirm the booking',
    'Both sides get a confirmation and a reminder',
  ],
  money: (v, p) => [
    `${capitalise(v.actors)} connect an account`,
    `${capitalise(v.product)} shows the amount for ${p.head} before it moves`,
    'The money moves and a receipt is recorded',
  ],
  sync: (v, p) => [
    `${capitalise(v.actors)} connect the source of ${p.head}`,
    `${capitalise(v.product)} brings the records in`,
    'They check the result and fix anything flagged',
  ],
  insight: (v, p) => [
    `${capitalise(v.product)} runs ${p.title} on the recent history`,
    'It shows each result with its reasons',
    `${capitalise(v.actors)} act on it or mark it wrong`,
  ],
  tracking: (v, p) => [
    `${capitalise(v.actors)} record ${p.head}`,
    `${capitalise(v.product)} shows progress over time`,
    'They adjust what they do next',
  ],
  planning: (v, p) => [
    `${capitalise(v.actors)} give the inputs for ${p.head}`,
    `${capitalise(v.product)} proposes ${p.head}`,
    `They adjust it and confirm${p.when ? `; ${p.when}, it is re-planned` : ''}`,
  ],
  access: (v, p) => [
    `${capitalise(v.actors)} choose who gets ${p.head}`,
    'The person accepts the invitation',
    'The owner sees every use and can revoke it',
  ],
  approval: (v, p) => [
    `Someone submits ${p.head} in ${v.product}`,
    'The approver is notified and decides',
    'The requester is told and the decision is recorded',
  ],
  learning: (v, p) => [
    `${capitalise(v.actors)} start a session on ${p.head}`,
    'They answer and get feedback at once',
    `${capitalise(v.product)} schedules what to review next`,
  ],
  view: (v, p) => [
    `${capitalise(v.actors)} open ${v.product}`,
    `They see ${p.object}`,
    'They act on what they see',
  ],
  manage: (v, p) => [
    `${capitalise(v.actors)} open ${v.product}`,
    `They use ${p.title}`,
    'They see the result saved',
  ],
};

export function criteriaFor(feature: FeatureDraft, voice: Voice): readonly [string, string] {
  return CRITERIA[feature.kind](voice, partsOf(feature, voice));
}

export function stepsFor(feature: FeatureDraft, voice: Voice): readonly string[] {
  return STEPS[feature.kind](voice, partsOf(feature, voice));
}

function partsOf(feature: FeatureDraft, voice: Voice): Parts {
  // "Stock alerts" names what is sent, not who receives it: the users do.
  const receivers = feature.kind === 'message' && feature.verb === null;
  const wh = /^(what|which|who|where|how)\b/i.test(feature.object);
  // The title without its condition: "re-optimising deliveries", not "... when a driver is
  // delayed", so a criterion's own "when" reads once.
  const title = feature.condition
    ? feature.title.slice(0, feature.title.length - feature.condition.length).trim()
    : feature.title;
  return {
    title: lowerFirst(title),
    object: feature.object,
    head: receivers
      ? voice.actors
      : wh
        ? feature.object
        : headOf(feature.object).join(' ') || feature.object,
    when: feature.condition,
  };
}

export function singular(word: string): string {
  const lower = word.toLowerCase();
  if (/ies$/.test(lower)) return `${lower.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(lower)) return lower;
  if (/(ches|shes|xes|sses)$/.test(lower)) return lower.slice(0, -2);
  if (/s$/.test(lower)) return lower.slice(0, -1);
  if (lower === 'people') return 'person';
  if (lower === 'staff') return 'staff member';
  return lower;
}
