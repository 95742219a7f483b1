/**
 * What a domain means for a PRD written without a model: who else is involved, what people use
 * today, how such products reach their users and earn, what is measured, what goes wrong, and
 * what a first release leaves out. The offline drafters pick examples from the idea's domain,
 * so a physiotherapy clinic never reads about fitness apps.
 */
export interface DomainProfile {
  /** How the PRD names the domain ("health care"). */
  readonly label: string;
  /** Who the first user might be, for the "who" question. */
  readonly personas: readonly string[];
  readonly secondaryUsers: string;
  /** How people cope today: question options and the landscape's alternatives. */
  readonly today: readonly string[];
  readonly alternatives: string;
  /** First-session options: what a new user does first. */
  readonly firstRun: readonly string[];
  readonly channels: readonly string[];
  readonly pricing: readonly string[];
  /** Index into `pricing` of the usual model in this domain. */
  readonly pricingPick: number;
  /** Outcome metrics (the first is the default SM-1), each with a target and a counter-metric. */
  readonly outcomes: readonly Outcome[];
  readonly risks: readonly Risk[];
  /** Non-goals, each dropped when the idea says it wants that very thing. */
  readonly nonGoals: readonly NonGoal[];
  /** A question only this domain needs (data, money, safety), when it has one. */
  readonly special?: SpecialQuestion;
}

export interface Outcome {
  readonly metric: string;
  readonly target: string;
  readonly counter: string;
}

export interface Risk {
  /** A short name, for question options ("Patients ignore the texts"). */
  readonly label: string;
  readonly risk: string;
  readonly mitigation: string;
}

export interface NonGoal {
  readonly text: string;
  readonly conflicts: RegExp;
}

export interface SpecialQuestion {
  readonly question: string;
  readonly context: string;
  readonly options: readonly string[];
  readonly recommended: number;
  readonly reason: string;
  /** The idea already answers it when this matches. */
  readonly answeredBy: RegExp;
}

export type Domain =
  | 'health'
  | 'fitness'
  | 'finance'
  | 'education'
  | 'logistics'
  | 'hardware'
  | 'developer'
  | 'food'
  | 'marketplace'
  | 'commerce'
  | 'social'
  | 'business';

/**
 * Words that place an idea in a domain, most specific domains first (ties go to the earlier).
 * Scored by hits, so "an expense workflow for companies" weighs finance against business.
 */
export const DOMAIN_SIGNALS: readonly (readonly [Domain, RegExp])[] = [
  [
    'health',
    /\b(clinics?|clinical|patients?|physio\w*|therap\w*|doctors?|dentists?|gps?|nurses?|hospitals?|medical|health ?care|care homes?|pharmac\w*|surgery)\b/gi,
  ],
  [
    'marketplace',
    /\b(marketplace|connect(?:s|ing)?(?= \w+ with)|freelanc\w*|buyers?|sellers?|vetted|hire|gigs?|providers?)\b/gi,
  ],
  [
    'fitness',
    /\b(fitness|workouts?|running|runners?|marathons?|gyms?|training plans?|wellness|yoga|athletes?|pacing)\b/gi,
  ],
  [
    'hardware',
    /\b(devices?|sensors?|smart (lock|home|meter|bike)\w*|locks?|bluetooth|hardware|firmware|companion app|iot|wearables?|pair\w*)\b/gi,
  ],
  [
    'developer',
    /\b(developers?|ci|cli|tests?|apis?|code ?base|engineering|deploy\w*|pipelines?|repos?|repositor\w*|github|devops)\b/gi,
  ],
  [
    'logistics',
    /\b(couriers?|deliver(y|ies)|routes?|routing|drivers?|fleets?|vans?|parcels?|shipments?|warehouses?|dispatch\w*|logistics)\b/gi,
  ],
  [
    'education',
    /\b(learn\w*|students?|courses?|teach\w*|schools?|tutor\w*|exams?|vocabulary|lessons?|language|study\w*|spaced[- ]repetition)\b/gi,
  ],
  [
    'food',
    /\b(meals?|recipes?|grocer\w*|cook\w*|kitchens?|menus?|diet\w*|restaurants?|fridge|dinner)\b/gi,
  ],
  [
    'finance',
    /\b(payments?|bank\w*|budget\w*|invoic\w*|tax|fintech|wallets?|escrow|expenses?|accounting|loans?|money|savings?|xero|quickbooks|payroll|bills?)\b/gi,
  ],
  [
    'commerce',
    /\b(shops?|stores?|e-?commerce|cart|retail\w*|bookshops?|stock|inventory|sell out|checkout|orders?)\b/gi,
  ],
  ['social', /\b(communit\w*|neighbou?r\w*|friends|social|clubs?|lend\w*|borrow\w*|members)\b/gi],
  [
    'business',
    /\b(teams?|compan(y|ies)|businesses|saas|workflows?|enterprise|crm|internal|employees?|approv\w*|managers?|b2b|support (team|agents?)|tickets?|helpdesk|zendesk)\b/gi,
  ],
];
