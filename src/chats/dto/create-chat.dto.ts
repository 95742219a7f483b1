import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimName } from '@/common/decorators/sanitized-text.decorator';

export const CHAT_NAME_MAX = 100;

export class CreateChatDto {
  @ApiPropertyOptional({
    example: 'My New Product Chat',
    maxLength: CHAT_NAME_MAX,
    description:
      'Kept as sent. Left out: a placeholder ("New chat"), replaced by a short AI title after ' +
      'the first message',
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(CHAT_NAME_MAX)
  @VerbatimName()
  chat_name?: string;
}
