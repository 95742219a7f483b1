import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { CHAT_NAME_MAX } from './create-chat.dto';
import { VerbatimName } from '@/common/decorators/sanitized-text.decorator';
import { ApiSchemaRules } from '@/common/decorators/api-schema-rules.decorator';

/** Deleting is DELETE /chats/{id}; PUT renames, archives and restores. */
export const SETTABLE_CHAT_STATUSES = ['active', 'archived'] as const;

@ApiSchemaRules({ minProperties: 1 })
export class UpdateChatDto {
  @ApiPropertyOptional({ example: 'Updated Chat Name', maxLength: CHAT_NAME_MAX })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(CHAT_NAME_MAX)
  @VerbatimName()
  chat_name?: string;

  @ApiPropertyOptional({
    enum: SETTABLE_CHAT_STATUSES,
    description: 'Archive a chat (read-only, still listed under status=archived) or restore it',
  })
  @OptionalNotNull()
  @IsIn(SETTABLE_CHAT_STATUSES)
  status?: (typeof SETTABLE_CHAT_STATUSES)[number];
}
