import type { OpenAPIObject } from '@nestjs/swagger';
import { operationsOf } from './operations';

export const PRODUCT_NAME = 'PRD Forge';

/** Where the API serves its README, and the anchor of the journey section in it. */
export const README_PATH = '/docs/readme';
export const JOURNEY_ANCHOR = 'the-whole-journey-with-curl';

/** The tags in the order a client meets them, each with what it groups. */
export const TAGS = [
  {
    name: 'auth',
    description:
      'Create an account (email or E.164 phone number), sign in for an access and a refresh ' +
      'token, rotate them, sign out. Send `Authorization: Bearer <access_token>` everywhere else.',
  },
  { name: 'users', description: 'Your profile; other users as they may see each other.' },
  {
    name: 'projects',
    description:
      'A project starts from an idea (and files) and answers with its first clarification ' +
      'questions and a `session_id`; list, read, rename, archive, restore, delete.',
  },
  {
    name: 'agents',
    description:
      'Work the agents do in the background: answer the clarifications (a PRD and a flowchart ' +
      'are written), iterate on them, follow a task by its `task_id`, edit a markdown file from ' +
      'a chat. Progress also arrives live on Socket.IO `/ws/projects/{project_id}`.',
  },
  {
    name: 'versions',
    description: 'Every PRD and flowchart saved as v1.0, v1.1, …: list, save, diff, roll back.',
  },
  { name: 'uploads', description: 'Files attached to a project, read by the agents.' },
  {
    name: 'chats',
    description:
      'Talk an idea through with the AI (replies stream on `/ws/chats/{chat_id}`), summarise, ' +
      'reflect, and convert the chat into a project.',
  },
  {
    name: 'webhooks',
    description: 'Signed HTTP callbacks for project, version, generation and chat events.',
  },
  { name: 'files', description: 'Signed, expiring download links (local storage driver).' },
  { name: 'operations', description: 'Liveness and readiness for load balancers and on-call.' },
] as const;

const DESCRIPTION = [
  'Chat about a product idea, turn it into a project, answer clarifications and let the agents ' +
    'write and refine a PRD and its flowchart.',
  '',
  '**The journey:** register → sign in → create a project (keep its `session_id`) → answer the ' +
    'clarification questions (keep the `task_id`) → follow the task (generation-status or the ' +
    'project socket) → iterate → versions, diff, rollback; or start in a chat and convert it. ' +
    `Every step with curl: [the README's journey section](${README_PATH}#${JOURNEY_ANCHOR}).`,
  '',
  'Errors are `{"error", "code", "request_id"}`; a 400 adds `fields` naming each offending field. ' +
    'Bodies are JSON (multipart where a route takes files) and unknown fields are refused.',
].join('\n');

/** The document's title, description, journey link and tag order. */
export function documentInfo(document: OpenAPIObject): void {
  document.info.title = `${PRODUCT_NAME} API`;
  document.info.description = DESCRIPTION;
  document.externalDocs = {
    description: "The journey step by step with curl (the README's journey section)",
    url: `${README_PATH}#${JOURNEY_ANCHOR}`,
  };
  const used = new Set(operationsOf(document).flatMap(({ operation }) => operation.tags ?? []));
  const unknown = [...used].filter((tag) => !TAGS.some(({ name }) => name === tag));
  if (unknown.length > 0) {
    throw new Error(`Operations tagged ${unknown.join(', ')}: add the tags to TAGS, in order`);
  }
  document.tags = TAGS.filter(({ name }) => used.has(name)).map((tag) => ({ ...tag }));
}
