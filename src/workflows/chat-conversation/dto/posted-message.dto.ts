import { ApiProperty } from '@nestjs/swagger';
import {
  MessageAttachmentDto,
  MessageMetadataDto,
  SuggestedActionDto,
} from '@/chats/dto/message-responses.dto';

export class AiResponseDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ac', description: 'The saved assistant message' })
  message_id!: string;

  @ApiProperty({ example: "I'd be happy to help with user personas..." })
  content!: string;

  @ApiProperty({
    type: [SuggestedActionDto],
    description: 'create_project once the idea has a user, a problem and a core feature',
  })
  suggested_actions!: SuggestedActionDto[];

  @ApiProperty({ type: MessageMetadataDto })
  metadata!: MessageMetadataDto;
}

export class PostedMessageDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab', description: "The user's saved message" })
  message_id!: string;

  @ApiProperty({ type: AiResponseDto })
  ai_response!: AiResponseDto;

  @ApiProperty({ type: [MessageAttachmentDto], description: 'The files stored with the message' })
  attachments!: MessageAttachmentDto[];
}
