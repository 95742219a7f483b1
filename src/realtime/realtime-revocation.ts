import type { Namespace, Server } from 'socket.io';
import { isRoomNamespace, REVOKE_EVENT } from './realtime-channels';
import type { RealtimeErrorData } from './realtime.events';

/** What RealtimeService publishes (via REVOKE_EVENT) when sockets must stop listening. */
export interface RevokeRequest {
  readonly rooms: readonly string[];
  readonly error: RealtimeErrorData;
}

const listening = new WeakSet<Server>();

/**
 * Each API replica hears every REVOKE_EVENT (the emitter publishes it on the "/" namespace's
 * request channel, which every replica's Redis adapter subscribes to) and ends only its own
 * sockets: `local`, so a replica never re-broadcasts what the others are already handling.
 */
export function listenForRevocations(server: Server): void {
  // Every room gateway calls this with the one server; it must listen once.
  if (listening.has(server)) return;
  listening.add(server);
  server.of('/').on(REVOKE_EVENT, (request: unknown) => {
    if (isRevokeRequest(request)) endLocalSockets(server, request);
  });
}

/**
 * The error goes first so clients learn why; the namespace's DISCONNECT packet follows it on the
 * same connection, so the client reads `error`, then `disconnect` ("io server disconnect", which
 * socket.io-client does not retry on its own: a revoked token would be refused anyway). Not
 * `disconnectSockets(true)`: that closes the whole connection, and a client multiplexing several
 * projects over one connection would lose the others too.
 */
export function endLocalSockets(server: Server, { rooms, error }: RevokeRequest): void {
  for (const namespace of roomNamespaces(server)) {
    namespace.local.in([...rooms]).emit('error', error);
    namespace.local.in([...rooms]).disconnectSockets(false);
  }
}

/** The live /ws/projects/{id} and /ws/chats/{id} children (created on first connection). */
function roomNamespaces(server: Server): Namespace[] {
  return [...server._nsps.values()].filter((namespace) => isRoomNamespace(namespace.name));
}

function isRevokeRequest(value: unknown): value is RevokeRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { rooms, error } = value as Partial<RevokeRequest>;
  return (
    Array.isArray(rooms) &&
    rooms.every((room) => typeof room === 'string') &&
    typeof error?.message === 'string' &&
    typeof error.error_code === 'string'
  );
}
