import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/common/decorators/current-user.decorator';
import { ApiChatRoute } from './api-docs';
import { ChatsService } from './chats.service';
import {
  ChatDeletedDto,
  ChatEnvelopeDto,
  ChatListDto,
  ChatUpdatedDto,
  CreatedChatDto,
} from './dto/chat-responses.dto';
import { CreateChatDto } from './dto/create-chat.dto';
import { ListChatsQuery } from './dto/list-chats.query';
import { UpdateChatDto } from './dto/update-chat.dto';

@ApiTags('chats')
@ApiChatRoute()
@Controller('chats')
export class ChatsController {
  constructor(private readonly chats: ChatsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's chats in one status, newest first, paged" })
  @ApiOkResponse({ type: ChatListDto })
  @ApiValidationFailed('Validation failed: limit must not be greater than 100')
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListChatsQuery,
  ): Promise<ChatListDto> {
    return this.chats.list(user.id, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Start a chat',
    description:
      'Without `chat_name` the chat is called "New chat" until its first message, when the AI ' +
      'gives it a short title (a name the user set is never replaced).',
  })
  @ApiCreatedResponse({ type: CreatedChatDto })
  @ApiValidationFailed('Validation failed: chat_name must be one line without control characters')
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateChatDto,
  ): Promise<CreatedChatDto> {
    return this.chats.create(user.id, dto);
  }

  @Get(':chat_id')
  @ApiOperation({ summary: 'A chat with its counts, project link, summaries and reflections' })
  @ApiOkResponse({ type: ChatEnvelopeDto })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
  ): Promise<ChatEnvelopeDto> {
    return { chat: await this.chats.get(user.id, chatId) };
  }

  @Put(':chat_id')
  @ApiOperation({ summary: 'Rename, archive or restore a chat' })
  @ApiOkResponse({ type: ChatUpdatedDto })
  @ApiValidationFailed('Validation failed: send chat_name, status or both')
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
    @Body() dto: UpdateChatDto,
  ): Promise<ChatUpdatedDto> {
    const chat = await this.chats.update(user.id, chatId, dto);
    return { message: 'Chat updated successfully', chat };
  }

  @Delete(':chat_id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete a chat (status "deleted"): a 404 from then on, its live connections end',
  })
  @ApiOkResponse({ type: ChatDeletedDto })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
  ): Promise<ChatDeletedDto> {
    await this.chats.remove(user.id, chatId);
    return { message: 'Chat deleted successfully' };
  }
}
