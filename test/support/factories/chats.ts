import type { AuthenticatedRequests } from './users';

export interface FileToAttach {
  readonly name: string;
  readonly content: Buffer;
}

/** POST /chats; the new chat's id. */
export async function aChat(api: AuthenticatedRequests, chatName?: string): Promise<string> {
  const res = await api
    .post('/api/v1/chats')
    .send(chatName === undefined ? {} : { chat_name: chatName })
    .expect(201);
  return res.body.chat_id as string;
}

/** POST /chats/{id}/messages as multipart, as a browser sends it (files optional). */
export function postMessage(
  api: AuthenticatedRequests,
  chatId: string,
  content: string,
  files: readonly FileToAttach[] = [],
) {
  let req = api.post(`/api/v1/chats/${chatId}/messages`).field('content', content);
  for (const file of files) req = req.attach('files', file.content, file.name);
  return req;
}

/** A chat with the exchanges it took to make the idea concrete (create_project suggested). */
export const CONCRETE_IDEA = [
  'I want to build an app for dog walkers.',
  'They lose track of which owners paid for which walk.',
  'It lets them book walks and get paid in the app.',
] as const;

export async function aConcreteChat(api: AuthenticatedRequests): Promise<string> {
  const chatId = await aChat(api);
  for (const content of CONCRETE_IDEA) await postMessage(api, chatId, content).expect(201);
  return chatId;
}

export interface MessagePage {
  readonly messages: Record<string, unknown>[];
  readonly has_more: boolean;
  readonly next_before: string | null;
  readonly next_after: string | null;
}

/** GET /chats/{id}/messages with a query; the body. */
export async function messagesOf(
  api: AuthenticatedRequests,
  chatId: string,
  query: Record<string, string | number> = {},
): Promise<MessagePage> {
  const res = await api.get(`/api/v1/chats/${chatId}/messages`).query(query).expect(200);
  return res.body as MessagePage;
}

/** GET /chats/{id}, expecting 200: the `chat`. */
export async function chatOf(
  api: AuthenticatedRequests,
  chatId: string,
): Promise<Record<string, unknown>> {
  const res = await api.get(`/api/v1/chats/${chatId}`).expect(200);
  return res.body.chat as Record<string, unknown>;
}
