import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimText } from '@/common/decorators/sanitized-text.decorator';
import { URL_MAX, URL_PATTERN } from '../url-guard';
import { USER_WEBHOOK_EVENTS, UserWebhookEvent } from '../webhook-events';
import { ApiSchemaRules } from '@/common/decorators/api-schema-rules.decorator';

export const DESCRIPTION_MAX = 500;

const URL_DOC =
  'Where deliveries are POSTed: https (http outside production); hosts that resolve to ' +
  'loopback, private, link-local, CGNAT or metadata addresses are refused';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://hooks.example.com/prd-forge',
    maxLength: URL_MAX,
    pattern: URL_PATTERN,
    description: URL_DOC,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(URL_MAX)
  url!: string;

  @ApiProperty({
    enum: USER_WEBHOOK_EVENTS,
    isArray: true,
    example: ['project.created', 'version.created'],
    description: 'At least one, each once',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(USER_WEBHOOK_EVENTS.length)
  @IsIn(USER_WEBHOOK_EVENTS, { each: true })
  events!: UserWebhookEvent[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: DESCRIPTION_MAX,
    example: 'Slack relay',
  })
  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @IsString()
  @VerbatimText()
  @MaxLength(DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ default: true, description: 'false registers it paused' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

/** Any of the fields, at least one; `active: true` also re-enables an endpoint that was disabled. */
@ApiSchemaRules({ minProperties: 1 })
export class UpdateWebhookDto {
  @ApiPropertyOptional({
    example: 'https://hooks.example.com/prd-forge',
    maxLength: URL_MAX,
    pattern: URL_PATTERN,
    description: URL_DOC,
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(URL_MAX)
  url?: string;

  @ApiPropertyOptional({ enum: USER_WEBHOOK_EVENTS, isArray: true, example: ['version.created'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(USER_WEBHOOK_EVENTS.length)
  @IsIn(USER_WEBHOOK_EVENTS, { each: true })
  events?: UserWebhookEvent[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: DESCRIPTION_MAX,
    description: 'null clears it',
  })
  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @IsString()
  @VerbatimText()
  @MaxLength(DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    description: 'false pauses deliveries; true resumes (and clears disabled_reason)',
  })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}
