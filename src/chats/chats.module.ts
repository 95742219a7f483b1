import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RealtimeModule } from '@/realtime/realtime.module';
import { ChatAttachment, ChatAttachmentSchema } from './attachments/chat-attachment.schema';
import { ChatAttachmentsRepository } from './attachments/chat-attachments.repository';
import { ChatAttachmentsService } from './attachments/chat-attachments.service';
import { ChatLock } from './chat-lock';
import { Chat, ChatSchema } from './chat.schema';
import { ChatsController } from './chats.controller';
import { ChatsRepository } from './chats.repository';
import { ChatsService } from './chats.service';
import { ChatConversion, ChatConversionSchema } from './conversions/chat-conversion.schema';
import { ChatConversionsRepository } from './conversions/chat-conversions.repository';
import { ChatConversionsService } from './conversions/chat-conversions.service';
import { Message, MessageSchema } from './messages/message.schema';
import { ChatMessagesController } from './messages/messages.controller';
import { MessagesRepository } from './messages/messages.repository';
import { ChatMessagesService } from './messages/messages.service';

/**
 * Chats as data: the chats, messages, attachments and conversion claims, and the routes that only
 * read or change them. It knows nothing of agents; the AI use cases (posting a message, summaries,
 * reflections, conversion into a project) are workflows built on the services exported here.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Chat.name, schema: ChatSchema },
      { name: Message.name, schema: MessageSchema },
      { name: ChatAttachment.name, schema: ChatAttachmentSchema },
      { name: ChatConversion.name, schema: ChatConversionSchema },
    ]),
    // Deleting a chat ends its live connections.
    RealtimeModule,
  ],
  // Sub-resource controllers first: Express matches routes in registration order.
  controllers: [ChatMessagesController, ChatsController],
  providers: [
    ChatsRepository,
    MessagesRepository,
    ChatAttachmentsRepository,
    ChatConversionsRepository,
    ChatLock,
    ChatsService,
    ChatMessagesService,
    ChatAttachmentsService,
    ChatConversionsService,
  ],
  exports: [ChatsService, ChatMessagesService, ChatAttachmentsService, ChatConversionsService],
})
export class ChatsModule {}
