import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { LiveRooms } from '@/realtime/live-rooms';
import { CHAT_NAMESPACE, chatRoom, sessionRoom, userRoom } from '@/realtime/realtime-channels';
import { listenForRevocations } from '@/realtime/realtime-revocation';
import { ChatEvents } from '@/realtime/realtime.events';
import {
  AdmittedSocketData,
  disconnectAtExpiry,
  guardHandshake,
  roomIdOf,
} from '@/realtime/room-handshake';
import { ChatRoomAccess } from './chat-room-access';

type ChatNamespace = Namespace<
  Record<string, never>,
  ChatEvents,
  Record<string, never>,
  AdmittedSocketData
>;
type ChatSocket = Socket<
  Record<string, never>,
  ChatEvents,
  Record<string, never>,
  AdmittedSocketData
>;

/**
 * /ws/chats/{chat_id}: listen-only, like the projects namespace. The handshake (token, owner,
 * optional last_seq) is checked in a namespace middleware so a refusal arrives as connect_error;
 * accepted sockets join the chat's, session's and user's rooms and receive the chat's numbered
 * events (message_sent, typing_indicator, ai_response_streaming, ai_response_complete, error),
 * first any they missed. Ends at token expiry, or when the chat is deleted or the session or
 * account ends.
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class ChatsGateway implements OnGatewayInit<ChatNamespace>, OnGatewayConnection<ChatSocket> {
  private readonly logger = new Logger(ChatsGateway.name);

  constructor(
    private readonly access: ChatRoomAccess,
    private readonly rooms: LiveRooms,
  ) {}

  afterInit(namespace: ChatNamespace): void {
    guardHandshake(namespace, (credentials, id) => this.access.admit(credentials, id), this.logger);
    listenForRevocations(namespace.server);
    this.rooms.attach(namespace.server);
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    disconnectAtExpiry(socket);
    const room = chatRoom(roomIdOf(socket));
    await this.rooms.join(socket, {
      rooms: [room, sessionRoom(socket.data.sessionId), userRoom(socket.data.userId)],
      feedRoom: room,
      lastSeq: socket.data.lastSeq,
    });
  }
}
