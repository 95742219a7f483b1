import type { Namespace, Server, Socket } from 'socket.io';
import { isRoomNamespace } from './realtime-channels';
import type { RealtimeErrorData } from './realtime.events';

/** The parts of a child namespace Socket.IO keeps private and this file relies on. */
interface ChildNamespaceInternals {
  _remove(socket: Socket): void;
  /** Sockets whose handshake middleware has not answered yet. */
  readonly _preConnectSockets: Map<string, Socket>;
}

/**
 * Socket.IO (with cleanupEmptyChildNamespaces) drops a child namespace, its adapter and the
 * adapter's Redis subscriptions as soon as it holds no connected socket, which includes every
 * refused handshake. But it ignores handshakes still running: a stranger refused while the
 * owner's check is still reading the database dropped the namespace the owner was about to join,
 * and the owner ended up connected to an orphan that no event reaches (events are looked up by
 * name). Here a refused or leaving socket drops the namespace only when no other socket is
 * connected or still shaking hands in it.
 */
export function keepNamespacesWithHandshakes(server: Server): void {
  // Socket.IO announces each new child on the main namespace.
  server.of('/').on('new_namespace', (namespace: Namespace) => {
    if (!isRoomNamespace(namespace.name)) return;
    const internals = namespace as unknown as ChildNamespaceInternals;
    // Socket.IO's own wrapper: removes the socket, then drops the namespace if it is empty.
    const removeAndDropIfEmpty = internals._remove.bind(namespace);
    internals._remove = (socket: Socket) => {
      const othersWaiting = [...internals._preConnectSockets.keys()].some((id) => id !== socket.id);
      if (othersWaiting) {
        namespace.sockets.delete(socket.id);
        internals._preConnectSockets.delete(socket.id);
      } else {
        removeAndDropIfEmpty(socket);
      }
    };
  });
}

/**
 * Nothing listens on the main namespace "/" (it carries only the replicas' server-side
 * revocations): a client socket there is refused before it connects, like an unknown room.
 */
export function refuseMainNamespace(server: Server): void {
  server.use((_socket, next) => {
    const data: RealtimeErrorData = { message: 'Namespace not found', error_code: 'NOT_FOUND' };
    next(Object.assign(new Error(data.message), { data }));
  });
}
