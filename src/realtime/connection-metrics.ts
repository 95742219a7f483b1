import { Gauge, type Registry } from 'prom-client';
import type { Server } from 'socket.io';

export const NAMESPACE_KINDS = ['projects', 'chats', 'main'] as const;
type NamespaceKind = (typeof NAMESPACE_KINDS)[number];

/**
 * `socketio_connections{namespace}`: this replica's open Socket.IO connections per kind of
 * namespace (every project and every chat is its own namespace, so the names themselves would be
 * unbounded). Counted when Prometheus scrapes, from the server's own table: nothing per connection.
 */
export function watchConnections(server: Server, registry: Registry): void {
  new Gauge({
    name: 'socketio_connections',
    help: 'Open Socket.IO connections on this API replica, by namespace kind (projects, chats, main)',
    labelNames: ['namespace'],
    registers: [registry],
    collect() {
      const counts: Record<NamespaceKind, number> = { projects: 0, chats: 0, main: 0 };
      for (const [name, namespace] of server._nsps) {
        const kind = kindOf(name);
        if (kind) counts[kind] += namespace.sockets.size;
      }
      for (const kind of NAMESPACE_KINDS) this.set({ namespace: kind }, counts[kind]);
    },
  });
}

function kindOf(name: string): NamespaceKind | undefined {
  if (name === '/') return 'main';
  if (name.startsWith('/ws/projects/')) return 'projects';
  if (name.startsWith('/ws/chats/')) return 'chats';
  return undefined;
}
