import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimText } from '@/common/decorators/sanitized-text.decorator';

export const MARKDOWN_MAX = 200_000;
export const TURNS_MAX = 100;
export const TURN_MAX = 10_000;

export class ChatTurnDto {
  @ApiProperty({ enum: ['user', 'assistant'], example: 'user' })
  @IsIn(['user', 'assistant'])
  role!: 'user' | 'assistant';

  @ApiProperty({ example: 'Rename "Success Metrics" to "KPIs"', maxLength: TURN_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(TURN_MAX)
  @VerbatimText()
  content!: string;
}

/** Edit a markdown file from the chat history, the file as edited so far and the original. */
export class MarkdownEditDto {
  @ApiProperty({
    type: [ChatTurnDto],
    description: 'Oldest first; the last user turn is the request',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TURNS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ChatTurnDto)
  chat_history!: ChatTurnDto[];

  @ApiProperty({
    example: '# PRD\n\n## Success Metrics\n- Weekly active users',
    maxLength: MARKDOWN_MAX,
  })
  @IsString()
  @MaxLength(MARKDOWN_MAX)
  @VerbatimText()
  current_markdown!: string;

  @ApiProperty({
    example: '# PRD\n\n## Success Metrics\n- Weekly active users',
    maxLength: MARKDOWN_MAX,
  })
  @IsString()
  @MaxLength(MARKDOWN_MAX)
  @VerbatimText()
  original_markdown!: string;

  @ApiPropertyOptional({
    example: 'Add a section on pricing',
    maxLength: TURN_MAX,
    description: 'Overrides the last user turn as the request',
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(TURN_MAX)
  @VerbatimText()
  instruction?: string;
}

export class MarkdownEditResultDto {
  @ApiProperty({ example: '# PRD\n\n## KPIs\n- Weekly active users\n' })
  edited_markdown!: string;

  @ApiProperty({
    example:
      '--- current.md\n+++ edited.md\n@@ -1,3 +1,3 @@\n # PRD\n \n-## Success Metrics\n+## KPIs\n',
    description: 'Unified diff from current_markdown to edited_markdown',
  })
  diff!: string;

  @ApiProperty({
    example: false,
    description:
      'True when the two files are too different to diff line by line within the time budget ' +
      '(about a second): `diff` then removes every line between the common first and last ' +
      'lines and adds every new one. It still applies; it is only not the smallest diff.',
  })
  too_different!: boolean;

  @ApiProperty({ example: true })
  changed!: boolean;

  @ApiProperty({
    example: 'offline',
    description: 'The model that edited ("offline" without a key)',
  })
  model_used!: string;
}
