import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { LiveRooms } from './live-rooms';
import { ProjectRoomAccess } from './project-room-access';
import { PROJECT_NAMESPACE, projectRoom, sessionRoom, userRoom } from './realtime-channels';
import { listenForRevocations } from './realtime-revocation';
import { ProjectEvents } from './realtime.events';
import { AdmittedSocketData, disconnectAtExpiry, guardHandshake, roomIdOf } from './room-handshake';

/** Clients send nothing on this namespace; the handshake leaves the caller and token expiry. */
type ProjectNamespace = Namespace<
  Record<string, never>,
  ProjectEvents,
  Record<string, never>,
  AdmittedSocketData
>;
type ProjectSocket = Socket<
  Record<string, never>,
  ProjectEvents,
  Record<string, never>,
  AdmittedSocketData
>;

/**
 * /ws/projects/{project_id}: listen-only. The handshake is checked in a namespace middleware (so a
 * refusal reaches the client as connect_error, before any event), accepted sockets join the
 * project's, session's and user's rooms, and events reach them only through RealtimeService,
 * numbered, with a replay of what a reconnecting client missed (LiveRooms). A connection ends
 * when its token expires (the client reconnects with a fresh one), or earlier when
 * RealtimeService revokes its session, its user or its project (realtime-revocation.ts).
 */
@WebSocketGateway({ namespace: PROJECT_NAMESPACE })
export class ProjectsGateway
  implements OnGatewayInit<ProjectNamespace>, OnGatewayConnection<ProjectSocket>
{
  private readonly logger = new Logger(ProjectsGateway.name);

  constructor(
    private readonly access: ProjectRoomAccess,
    private readonly rooms: LiveRooms,
  ) {}

  /** `namespace` is the parent of the dynamic namespaces: its middleware runs in every child. */
  afterInit(namespace: ProjectNamespace): void {
    guardHandshake(namespace, (credentials, id) => this.access.admit(credentials, id), this.logger);
    listenForRevocations(namespace.server);
    this.rooms.attach(namespace.server);
  }

  async handleConnection(socket: ProjectSocket): Promise<void> {
    disconnectAtExpiry(socket);
    const room = projectRoom(roomIdOf(socket));
    await this.rooms.join(socket, {
      rooms: [room, sessionRoom(socket.data.sessionId), userRoom(socket.data.userId)],
      feedRoom: room,
      lastSeq: socket.data.lastSeq,
    });
  }
}
