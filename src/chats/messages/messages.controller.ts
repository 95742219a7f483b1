import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/common/decorators/current-user.decorator';
import { ApiChatRoute } from '../api-docs';
import { ListMessagesQuery } from '../dto/list-messages.query';
import { MessagePageDto } from '../dto/message-responses.dto';
import { ChatMessagesService } from './messages.service';

@ApiTags('chats')
@ApiChatRoute()
@Controller('chats/:chat_id/messages')
export class ChatMessagesController {
  constructor(private readonly messages: ChatMessagesService) {}

  @Get()
  @ApiOperation({
    summary: "A page of the chat's messages",
    description:
      'Backwards by default: the newest `limit` messages, or those before `before`; forwards ' +
      'with `after`. Each page is oldest first. Cursors are message timestamps (unique and ' +
      'increasing within a chat), so paging while messages arrive neither repeats nor skips one.',
  })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiValidationFailed('Validation failed: before must be a message id or an ISO 8601 timestamp')
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
    @Query() query: ListMessagesQuery,
  ): Promise<MessagePageDto> {
    return this.messages.page(user.id, chatId, query);
  }
}
