import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimName } from '@/common/decorators/sanitized-text.decorator';
import { ApiSchemaRules } from '@/common/decorators/api-schema-rules.decorator';

export const FULL_NAME_MAX = 100;

@ApiSchemaRules({ minProperties: 1 })
export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'John Q. Doe', maxLength: FULL_NAME_MAX })
  // A name can be changed but not unset.
  @OptionalNotNull()
  @VerbatimName()
  @IsString()
  @MinLength(1)
  @MaxLength(FULL_NAME_MAX)
  full_name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://cdn.example.com/avatars/new-avatar.jpg',
    description: 'An http(s) URL; null removes the avatar',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  avatar_url?: string | null;
}
