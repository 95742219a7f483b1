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

/**
 * The Redis channel prefix shared by the API's adapter and every emitter. It carries the
 * configured key prefix, so deployments sharing one Redis never hear each other's events.
 */
export function realtimeChannelKey(config: AppConfig): string {
  return `${config.redis.keyPrefix}socket.io`;
}
