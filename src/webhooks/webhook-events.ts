/**
 * The events webhooks carry: a closed set, each with the `data` it sends. Data is ids and links
 * only (no PRD text, no personal data): a receiver that needs more reads it through the API
 * with its own credentials, so a leaked delivery tells little.
 */

/** Events an account's endpoints may subscribe to. */
export const USER_WEBHOOK_EVENTS = [
  'project.created',
  'version.created',
  'generation.failed',
  'chat.converted',
] as const;
export type UserWebhookEvent = (typeof USER_WEBHOOK_EVENTS)[number];

/** Events for the operator's endpoints (WEBHOOK_OPERATOR_URLS), never an account's. */
export const OPERATOR_WEBHOOK_EVENTS = ['user.created'] as const;
export type OperatorWebhookEvent = (typeof OPERATOR_WEBHOOK_EVENTS)[number];

export type WebhookEvent = UserWebhookEvent | OperatorWebhookEvent;

/** How a version came to be: generate, an agent-mode iterate, a manual save, or a rollback. */
export const VERSION_SOURCES = ['generation', 'iteration', 'manual', 'rollback'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/** What a caller passes for each event: ids only (links are added when it is published). */
export interface WebhookEventInput {
  'project.created': { readonly project_id: string; readonly session_id: string };
  /**
   * A new version was saved, or (source "rollback") an earlier one became current again:
   * `version` is the version concerned, `current_version` what the project shows now.
   */
  'version.created': {
    readonly project_id: string;
    readonly version: string;
    readonly current_version: string;
    readonly source: VersionSource;
  };
  /** An agent task (generate, or iterate) failed for good, after its retries. */
  'generation.failed': {
    readonly project_id: string;
    readonly task_id: string;
    readonly task: 'generate' | 'iterate';
    readonly error_code: string;
  };
  /** A chat became a project (published by the chats feature when it converts one). */
  'chat.converted': { readonly chat_id: string; readonly project_id: string };
  'user.created': { readonly user_id: string; readonly created_at: string };
}

/** The `data` of a payload: the input plus API links to what it names. */
export type WebhookEventData<E extends WebhookEvent> = WebhookEventInput[E] & {
  readonly links: Readonly<Record<string, string>>;
};

/**
 * The members each event's data may have. Only these are sent, whatever object a caller passed
 * (TypeScript lets a variable with extra members through), so nothing else can leak.
 */
const FIELDS: { [E in WebhookEvent]: readonly (keyof WebhookEventInput[E])[] } = {
  'project.created': ['project_id', 'session_id'],
  'version.created': ['project_id', 'version', 'current_version', 'source'],
  'generation.failed': ['project_id', 'task_id', 'task', 'error_code'],
  'chat.converted': ['chat_id', 'project_id'],
  'user.created': ['user_id', 'created_at'],
};

const project = (id: string): string => `/projects/${id}`;

const LINKS: { [E in WebhookEvent]: (input: WebhookEventInput[E]) => Record<string, string> } = {
  'project.created': (input) => ({ project: project(input.project_id) }),
  'version.created': (input) => ({
    project: project(input.project_id),
    versions: `${project(input.project_id)}/versions`,
  }),
  'generation.failed': (input) => ({
    project: project(input.project_id),
    status: `${project(input.project_id)}/generation-status/${input.task_id}`,
  }),
  'chat.converted': (input) => ({
    chat: `/chats/${input.chat_id}`,
    project: project(input.project_id),
  }),
  'user.created': (input) => ({ user: `/users/${input.user_id}` }),
};

/** `apiBase` is the public origin and path of the API, e.g. "https://api.example.com/api/v1". */
export function eventData<E extends WebhookEvent>(
  event: E,
  input: WebhookEventInput[E],
  apiBase: string,
): WebhookEventData<E> {
  const links = (LINKS[event] as (input: WebhookEventInput[E]) => Record<string, string>)(input);
  const fields = FIELDS[event] as readonly (keyof WebhookEventInput[E])[];
  return {
    ...(Object.fromEntries(
      fields.map((name) => [name, input[name]]),
    ) as unknown as WebhookEventInput[E]),
    links: Object.fromEntries(Object.entries(links).map(([name, path]) => [name, apiBase + path])),
  };
}
