import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  MessageStatus,
  MessageType,
} from '../messages/message.schema';

export class MessageAttachmentDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012aa' })
  file_id!: string;

  @ApiProperty({ example: 'requirements.pdf' })
  filename!: string;

  @ApiProperty({ example: 2048576 })
  size!: number;

  @ApiProperty({ example: 'application/pdf' })
  content_type!: string;

  @ApiProperty({ description: 'Signed, expiring link to the file' })
  download_url!: string;
}

export class MessageMetadataDto {
  @ApiProperty({ example: 150 })
  tokens_used!: number;

  @ApiProperty({ example: 2500 })
  response_time_ms!: number;

  @ApiProperty({ example: 'gpt-4o' })
  model_used!: string;

  @ApiProperty({ example: 1200, description: 'Prompt tokens the model read' })
  context_length!: number;
}

export class SuggestedActionDto {
  @ApiProperty({ example: 'create_project' })
  type!: string;

  @ApiProperty({ example: 'Convert to PRD Project' })
  label!: string;

  @ApiProperty({ example: 'Ready to create a full PRD?' })
  description!: string;

  @ApiProperty({
    example: 'An app for dog walkers. They lose track of payments.',
    description: 'What the project would start from',
  })
  initial_idea!: string;
}

export class MessageErrorDto {
  @ApiProperty({ example: 'AI_UNAVAILABLE' })
  code!: string;

  @ApiProperty({ example: 'The AI answer was interrupted; please try again' })
  message!: string;
}

export class MessageDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  id!: string;

  @ApiProperty({ enum: MESSAGE_TYPES, example: 'user' })
  message_type!: MessageType;

  @ApiProperty({ example: 'I want to create a fitness app', description: 'Exactly as sent' })
  content!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2024-01-16T10:30:00.000Z',
    description: 'Strictly increasing within a chat: also a paging cursor',
  })
  timestamp!: string;

  @ApiProperty({ example: 1, description: "The message's place in the chat (1, 2, …)" })
  seq!: number;

  @ApiProperty({
    enum: MESSAGE_STATUSES,
    example: 'complete',
    description: 'failed: the reply failed for good (no content; see error)',
  })
  status!: MessageStatus;

  @ApiProperty({ type: [MessageAttachmentDto] })
  attachments!: MessageAttachmentDto[];

  @ApiPropertyOptional({ type: MessageMetadataDto, description: 'Assistant replies' })
  metadata?: MessageMetadataDto;

  @ApiPropertyOptional({ type: [SuggestedActionDto], description: 'Assistant replies' })
  suggested_actions?: SuggestedActionDto[];

  @ApiPropertyOptional({ example: '64f5a1b2c3d4e5f6789012aa', description: 'The message answered' })
  reply_to?: string;

  @ApiPropertyOptional({ type: MessageErrorDto, description: 'Failed replies' })
  error?: MessageErrorDto;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto], description: 'Oldest first within the page' })
  messages!: MessageDto[];

  @ApiProperty({ example: true, description: 'More messages in the direction paged' })
  has_more!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2024-01-16T10:30:00.000Z',
    description: 'Pass as `before` for the older page; null when this page starts the chat',
  })
  next_before!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2024-01-16T10:31:00.000Z',
    description: 'Pass as `after` for newer messages (ones that arrived since included)',
  })
  next_after!: string | null;
}
