import { AppConfig } from '@/config/app-config';

/** The contract's project namespace, one per project (Socket.IO dynamic namespace). */
export const PROJECT_NAMESPACE = /^\/ws\/projects\/[0-9a-f]{24}$/;

export function projectNamespace(projectId: string): string {
  return `/ws/projects/${projectId}`;
}

/** The room a project's accepted sockets join (in the project's own namespace). */
export function projectRoom(projectId: string): string {
  return `project:${projectId}`;
}

/** Every socket opened with one token family's access tokens (`fam`), any project. */
export function familyRoom(familyId: string): string {
  return `family:${familyId}`;
}

/** Every socket of one user, any token family and any project. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/**
 * The server-side event (on the main namespace "/", whose Redis adapter every API replica has)
 * that asks each replica to end its own sockets in some rooms. Not a room-targeted
 * disconnectSockets: that needs the concrete child namespace, unknown for a token family or a user.
 */
export const REVOKE_EVENT = 'prd-forge:revoke';

/**
 * The Redis channel prefix shared by the API's adapter and every emitter. It carries the
 * configured key prefix, so deployments sharing one Redis never hear each other's events.
 */
export function realtimeChannelKey(config: AppConfig): string {
  return `${config.redis.keyPrefix}socket.io`;
}
