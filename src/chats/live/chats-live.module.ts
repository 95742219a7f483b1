import { Module } from '@nestjs/common';
import { TokensModule } from '@/auth/tokens/tokens.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { ChatsModule } from '../chats.module';
import { ChatRoomAccess } from './chat-room-access';
import { ChatsGateway } from './chats.gateway';

/** The /ws/chats/{chat_id} gateway, in the API only (the worker has no Socket.IO server). */
@Module({
  imports: [TokensModule, ChatsModule, RealtimeModule],
  providers: [ChatRoomAccess, ChatsGateway],
})
export class ChatsLiveModule {}
