import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AppError } from '@/common/errors';
import { ProjectRoomAccess } from './project-room-access';
import { PROJECT_NAMESPACE, familyRoom, projectRoom, userRoom } from '@/realtime/realtime-channels';
import { listenForRevocations } from '@/realtime/realtime-revocation';
import { ProjectEvents, RealtimeErrorData } from '@/realtime/realtime.events';

/** Clients send nothing on this namespace; the handshake leaves the caller and token expiry. */
type ProjectNamespace = Namespace<
  Record<string, never>,
  ProjectEvents,
  Record<string, never>,
  SocketData
>;
type ProjectSocket = Socket<
  Record<string, never>,
  ProjectEvents,
  Record<string, never>,
  SocketData
>;
interface SocketData {
  userId: string;
  /** The access token's family, so ending the family can end this socket. */
  familyId: string;
  /** The access token's expiry, Unix seconds. */
  expiresAt: number;
}

/** setTimeout's ceiling (about 24.8 days); a longer-lived token is re-timed when it reconnects. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The error a refused handshake carries; the client reads `err.data` in `connect_error`. */
type RefusedHandshake = Error & { data: RealtimeErrorData };

/**
 * /ws/projects/{project_id}: listen-only. The handshake is checked in a namespace middleware (so a
 * refusal reaches the client as connect_error, before any event), accepted sockets join the
 * project's, token family's and user's rooms, and events reach them only through RealtimeService. A
 * connection ends when its token expires (the client reconnects with a fresh one), or earlier when
 * RealtimeService revokes its token family, its user or its project (realtime-revocation.ts).
 */
@WebSocketGateway({ namespace: PROJECT_NAMESPACE })
export class ProjectsGateway
  implements OnGatewayInit<ProjectNamespace>, OnGatewayConnection<ProjectSocket>
{
  private readonly logger = new Logger(ProjectsGateway.name);

  constructor(private readonly access: ProjectRoomAccess) {}

  /** `namespace` is the parent of the dynamic namespaces: its middleware runs in every child. */
  afterInit(namespace: ProjectNamespace): void {
    namespace.use((socket, next) => {
      this.access
        .admit(socket.handshake, projectIdOf(socket))
        .then((user) => {
          socket.data = { userId: user.id, familyId: user.familyId, expiresAt: user.expiresAt };
          next();
        })
        .catch((error: unknown) => next(refusal(error, this.logger)));
    });
    listenForRevocations(namespace.server);
  }

  async handleConnection(socket: ProjectSocket): Promise<void> {
    disconnectAtExpiry(socket);
    await socket.join([
      projectRoom(projectIdOf(socket)),
      familyRoom(socket.data.familyId),
      userRoom(socket.data.userId),
    ]);
  }
}

function disconnectAtExpiry(socket: ProjectSocket): void {
  const remainingMs = socket.data.expiresAt * 1000 - Date.now();
  const timer = setTimeout(() => socket.disconnect(true), Math.min(remainingMs, MAX_TIMER_MS));
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}

function projectIdOf(socket: ProjectSocket): string {
  return socket.nsp.name.slice(socket.nsp.name.lastIndexOf('/') + 1);
}

function refusal(error: unknown, logger: Logger): RefusedHandshake {
  const data: RealtimeErrorData =
    error instanceof AppError && (error.code === 'UNAUTHORIZED' || error.code === 'NOT_FOUND')
      ? { message: error.message, error_code: error.code }
      : { message: 'Could not open the live connection', error_code: 'SERVICE_UNAVAILABLE' };
  if (data.error_code === 'SERVICE_UNAVAILABLE') logger.warn(`Handshake failed: ${String(error)}`);
  return Object.assign(new Error(data.message), { data });
}
