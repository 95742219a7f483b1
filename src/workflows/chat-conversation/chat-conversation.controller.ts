import { Body, Controller, Param, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiChatMustBeActive, ApiChatRoute } from '@/chats/api-docs';
import { ChatReflectionNoteDto, ChatSummaryNoteDto } from '@/chats/dto/chat-responses.dto';
import { ApiValidationFailed, errorExample } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { Idempotent } from '@/common/idempotency/idempotent.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import { FilesRateLimitInterceptor } from '@/common/throttling/files-rate-limit.interceptor';
import { ApiFilesBody, ApiUploadRefusals } from '@/common/uploads/api-docs';
import { MultipartFilesInterceptor } from '@/common/uploads/multipart-files.interceptor';
import { ChatConversionService } from './chat-conversion.service';
import { ChatInsightsService } from './chat-insights.service';
import { ChatReplyService } from './chat-reply.service';
import { ConvertChatDto } from './dto/convert-chat.dto';
import { ConvertedChatDto } from './dto/converted-chat.dto';
import { PostMessageDto } from './dto/post-message.dto';
import { PostedMessageDto } from './dto/posted-message.dto';

const AI_UNAVAILABLE = ApiServiceUnavailableResponse({
  description:
    'Every model failed: the message is kept, the reply saved as failed, the room told `error`',
  schema: errorExample(
    'The AI service is unavailable right now; please try again shortly',
    'AI_UNAVAILABLE',
    { message_id: '64f5a1b2c3d4e5f6789012ab', reply_id: '64f5a1b2c3d4e5f6789012ac' },
  ),
});

/** The chat routes that run the chat agent; each is an AI operation (the `ai` rate limit). */
@ApiTags('chats')
@ApiChatRoute()
@Controller('chats/:chat_id')
export class ChatConversationController {
  constructor(
    private readonly replies: ChatReplyService,
    private readonly insights: ChatInsightsService,
    private readonly conversion: ChatConversionService,
  ) {}

  @Post('messages')
  @RateLimit('ai')
  // Above the multipart parser: it runs after it, so the files are part of the request compared.
  @Idempotent()
  @UseInterceptors(MultipartFilesInterceptor, FilesRateLimitInterceptor)
  @ApiOperation({
    summary: 'Send a message (and files); get the AI reply, streamed to /ws/chats/{chat_id}',
    description:
      'Multipart: `content` and optional `files` (the rules of project uploads; a request with ' +
      'files also counts as an upload). JSON works too without files. Answers once the reply is ' +
      'saved; meanwhile the room hears message_sent, typing_indicator, ai_response_streaming and ' +
      'ai_response_complete.',
  })
  @ApiFilesBody('PostMessageForm', PostMessageDto, { required: false })
  @ApiCreatedResponse({ type: PostedMessageDto })
  @ApiValidationFailed('Validation failed: content must not be blank')
  @ApiUploadRefusals()
  @ApiChatMustBeActive()
  @AI_UNAVAILABLE
  post(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
    @Body() dto: PostMessageDto,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
  ): Promise<PostedMessageDto> {
    return this.replies.post(user.id, chatId, dto.content, files ?? []);
  }

  @Post('convert-to-project')
  @RateLimit('ai')
  @Idempotent()
  @ApiOperation({
    summary: 'Turn the chat into a project with its first clarification questions',
    description:
      'The conversation is distilled into the initial idea; the project and chat are linked ' +
      'both ways. Converting again (or twice at once) answers with the same project.',
  })
  @ApiCreatedResponse({ type: ConvertedChatDto })
  @ApiValidationFailed('Validation failed: include_chat_history must be a boolean value')
  @ApiConflictResponse({
    description: 'The chat has no messages yet, describes no idea yet, or is archived',
    schema: errorExample('The chat has no messages to convert yet', 'CONFLICT'),
  })
  convert(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
    @Body() dto: ConvertChatDto,
  ): Promise<ConvertedChatDto> {
    return this.conversion.convert(user.id, chatId, dto);
  }

  @Post('summary')
  @RateLimit('ai')
  @ApiOperation({ summary: 'Summarise the chat (stored with it, listed by GET /chats/{id})' })
  @ApiCreatedResponse({ type: ChatSummaryNoteDto })
  @ApiConflictResponse({
    description: 'The chat has no messages yet',
    schema: errorExample('The chat has no messages to summarise yet', 'CONFLICT'),
  })
  @AI_UNAVAILABLE
  summarize(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
  ): Promise<ChatSummaryNoteDto> {
    return this.insights.summarize(user.id, chatId);
  }

  @Post('reflections')
  @RateLimit('ai')
  @ApiOperation({
    summary: 'Reflections on the chat: decisions, open questions, lenses not yet discussed',
  })
  @ApiCreatedResponse({ type: ChatReflectionNoteDto })
  @ApiConflictResponse({
    description: 'The chat has no messages yet',
    schema: errorExample('The chat has no messages to reflect on yet', 'CONFLICT'),
  })
  @AI_UNAVAILABLE
  reflect(
    @CurrentUser() user: AuthenticatedUser,
    @Param('chat_id') chatId: string,
  ): Promise<ChatReflectionNoteDto> {
    return this.insights.reflect(user.id, chatId);
  }
}
