import { AppConfig } from '@/config/app-config';

/** The seed's project namespace, one per project (Socket.IO dynamic namespace). */
export const PROJECT_NAMESPACE = /^\/ws\/projects\/[0-9a-f]{24}$/;

export function projectNamespace(projectId: string): string {
  return `/ws/projects/${projectId}`;
}

/** The room a project's accepted sockets join (in the project's own namespace). */
export function projectRoom(projectId: string): string {
  return `project:${projectId}`;
}

/** The contract's chat namespace, one per chat. */
export const CHAT_NAMESPACE = /^\/ws\/chats\/[0-9a-f]{24}$/;

export function chatNamespace(chatId: string): string {
  return `/ws/chats/${chatId}`;
}

/** The room a chat's accepted sockets join (in the chat's own namespace). */
export function chatRoom(chatId: string): string {
  return `chat:${chatId}`;
}

/** Where a room's events go: the namespace its sockets connect to, and the room they join. */
export interface RoomAddress {
  readonly namespace: string;
  readonly room: string;
}

export function projectAddress(projectId: string): RoomAddress {
  return { namespace: projectNamespace(projectId), room: projectRoom(projectId) };
}

export function chatAddress(chatId: string): RoomAddress {
  return { namespace: chatNamespace(chatId), room: chatRoom(chatId) };
}

/** Every room namespace (the ones revocations sweep). */
export function isRoomNamespace(name: string): boolean {
  return PROJECT_NAMESPACE.test(name) || CHAT_NAMESPACE.test(name);
}

/** Every socket opened with one session's access tokens (the token family, `fam`), any project. */
export function sessionRoom(familyId: string): string {
  return `session:${familyId}`;
}

/** Every socket of one user, any session and any project. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/**
 * The server-side event (on the main namespace "/", whose Redis adapter every API replica has)
 * that asks each replica to end its own sockets in some rooms. Not a room-targeted
 * disconnectSockets: that needs the concrete child namespace, unknown for a session or a user.
 */
export const REVOKE_EVENT = 'prd-forge:revoke';

/**
 * The Redis channel prefix shared by the API's adapter and every emitter. It carries the
 * configured key prefix, so deployments sharing one Redis never hear each other's events.
 */
export function realtimeChannelKey(config: AppConfig): string {
  return `${config.redis.keyPrefix}socket.io`;
}

/**
 * The Redis channel sequenced room events travel on (room-log.ts publishes, live-rooms.ts
 * delivers). Not the Socket.IO adapter's: each API replica applies its own sockets' replay state.
 */
export function roomEventsChannel(config: AppConfig): string {
  return `${config.redis.keyPrefix}realtime#rooms`;
}
