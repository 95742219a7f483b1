import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAT_STATUSES, ChatStatus, NAME_SOURCES, NameSource } from '../chat.schema';

/** One row of GET /chats (the contract's fields), plus status and how the chat got its name. */
export class ChatSummaryDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  id!: string;

  @ApiProperty({ example: 'Mobile App Ideas' })
  chat_name!: string;

  @ApiProperty({
    enum: NAME_SOURCES,
    example: 'ai',
    description: 'placeholder until the first message is titled by the AI; user once renamed',
  })
  name_source!: NameSource;

  @ApiProperty({ enum: CHAT_STATUSES, example: 'active' })
  status!: ChatStatus;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T14:25:00.000Z' })
  updated_at!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2024-01-16T14:25:00.000Z',
  })
  last_message_at!: string | null;

  @ApiProperty({ example: 15 })
  message_count!: number;

  @ApiProperty({ example: true })
  has_project!: boolean;

  @ApiProperty({ type: String, nullable: true, example: '64f5a1b2c3d4e5f6789012cd' })
  project_id!: string | null;
}

export class ChatListDto {
  @ApiProperty({ type: [ChatSummaryDto], description: 'Newest chat first' })
  chats!: ChatSummaryDto[];

  @ApiProperty({ example: 5 })
  total!: number;

  @ApiProperty({ example: 20 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}

export class CreatedChatDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  chat_id!: string;

  @ApiProperty({ example: 'My New Product Chat' })
  chat_name!: string;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T10:30:00.000Z' })
  created_at!: string;

  @ApiProperty({ enum: NAME_SOURCES, example: 'user' })
  name_source!: NameSource;
}

/** A summary asked for, as stored with the chat. */
export class ChatSummaryNoteDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ef' })
  id!: string;

  @ApiProperty({ example: 'A marketplace for freelance designers: clients fund escrow first.' })
  summary!: string;

  @ApiProperty({ example: 'gpt-4o' })
  model_used!: string;

  @ApiProperty({ example: 12, description: 'Messages in the chat when it was written' })
  message_count!: number;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T14:30:00.000Z' })
  created_at!: string;
}

/** Reflections asked for, as stored with the chat. */
export class ChatReflectionNoteDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012f0' })
  id!: string;

  @ApiProperty({
    type: [String],
    example: ['Decided: clients fund escrow first.', 'Not discussed yet: metrics, risks.'],
  })
  reflections!: string[];

  @ApiProperty({ example: 'gpt-4o' })
  model_used!: string;

  @ApiProperty({ example: 12 })
  message_count!: number;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T14:30:00.000Z' })
  created_at!: string;
}

export class ChatDetailDto extends ChatSummaryDto {
  @ApiProperty({ type: [ChatSummaryNoteDto], description: 'Newest first (the last 20 kept)' })
  summaries!: ChatSummaryNoteDto[];

  @ApiProperty({ type: [ChatReflectionNoteDto], description: 'Newest first (the last 20 kept)' })
  reflections!: ChatReflectionNoteDto[];
}

export class ChatEnvelopeDto {
  @ApiProperty({ type: ChatDetailDto })
  chat!: ChatDetailDto;
}

export class ChatUpdatedDto {
  @ApiProperty({ example: 'Chat updated successfully' })
  message!: string;

  @ApiPropertyOptional({ type: ChatSummaryDto })
  chat!: ChatSummaryDto;
}

export class ChatDeletedDto {
  @ApiProperty({ example: 'Chat deleted successfully' })
  message!: string;
}
