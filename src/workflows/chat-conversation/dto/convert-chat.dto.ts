import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimName } from '@/common/decorators/sanitized-text.decorator';
import { PROJECT_NAME_MAX } from '@/projects/dto/create-project.dto';

export class ConvertChatDto {
  @ApiPropertyOptional({
    example: 'Fitness App PRD',
    maxLength: PROJECT_NAME_MAX,
    description: "Default: the chat's name once titled, else derived from the idea",
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(PROJECT_NAME_MAX)
  @VerbatimName()
  project_name?: string;

  @ApiPropertyOptional({
    default: true,
    description: 'Give the conversation to the clarification agent as context',
  })
  @OptionalNotNull()
  @IsBoolean()
  include_chat_history?: boolean;
}
