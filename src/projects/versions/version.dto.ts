import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimName, VerbatimText } from '@/common/decorators/sanitized-text.decorator';
import { ThinkingLensStatusDto, VersionHistoryEntryDto } from '../dto/project-responses.dto';
import { VERSION_LABEL } from './version-label';

export const PRD_MAX = 500_000;
export const FLOWCHART_MAX = 100_000;
export const CHANGES_MAX = 200;

export class LensStatusInput {
  @IsBoolean() discovery!: boolean;
  @IsBoolean() user_journey!: boolean;
  @IsBoolean() metrics!: boolean;
  @IsBoolean() gtm!: boolean;
  @IsBoolean() risks!: boolean;
}

/** A PRD and flowchart written by the user: saved as the next version, authored by them. */
export class SaveVersionDto {
  @ApiProperty({
    example: '# Product Requirements Document\n\n## Discovery\n...',
    maxLength: PRD_MAX,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(PRD_MAX)
  @VerbatimText()
  prd_content!: string;

  @ApiProperty({ example: 'graph TD\n A[User] --> B[Frontend]', maxLength: FLOWCHART_MAX })
  @IsString()
  @MaxLength(FLOWCHART_MAX)
  @VerbatimText()
  flowchart_content!: string;

  @ApiProperty({
    example: 'Added metrics section',
    maxLength: CHANGES_MAX,
    description: 'One line',
  })
  @VerbatimName()
  @IsString()
  @MinLength(1)
  @MaxLength(CHANGES_MAX)
  changes!: string;

  @ApiPropertyOptional({
    type: ThinkingLensStatusDto,
    description: "Defaults to the current version's",
  })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => LensStatusInput)
  thinking_lens_status?: LensStatusInput;
}

export class RollbackDto {
  @ApiProperty({ example: 'v1.2' })
  @IsString()
  @Matches(VERSION_LABEL, { message: 'version must be a version label such as v1.2' })
  version!: string;
}

export class VersionAuthorDto {
  @ApiProperty({ enum: ['user', 'agent'], example: 'agent' })
  kind!: 'user' | 'agent';

  @ApiProperty({ example: 'generate', description: "The user's id or the agent's name" })
  id!: string;
}

/** The saved entry of the version history, with its author and the resulting current version. */
export class SavedVersionDto extends VersionHistoryEntryDto {
  @ApiProperty({ type: VersionAuthorDto })
  author!: VersionAuthorDto;

  @ApiProperty({ example: 'v1.4', description: 'The current version after this save' })
  current_version!: string;
}

/** The contract's fields, plus the author. */
export class VersionDto extends VersionHistoryEntryDto {
  @ApiProperty({ example: 'https://s3.amazonaws.com/presigned-url' })
  prd_url!: string;

  @ApiProperty({ example: 'https://s3.amazonaws.com/presigned-url' })
  flowchart_url!: string;

  @ApiProperty({ type: VersionAuthorDto })
  author!: VersionAuthorDto;
}

export const VERSIONS_PAGE_DEFAULT = 50;
export const VERSIONS_PAGE_MAX = 100;

/** GET /projects/{project_id}/versions: a page of the history, newest first. */
export class ListVersionsQuery {
  @ApiPropertyOptional({
    default: VERSIONS_PAGE_DEFAULT,
    minimum: 1,
    maximum: VERSIONS_PAGE_MAX,
    description: 'Versions per page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(VERSIONS_PAGE_MAX)
  limit = VERSIONS_PAGE_DEFAULT;

  @ApiPropertyOptional({
    example: 'v1.57',
    description: "The previous page's next_cursor: the versions older than it follow",
  })
  @IsOptional()
  @IsString()
  @Matches(VERSION_LABEL, { message: 'cursor must be a next_cursor of this list, such as v1.57' })
  cursor?: string;
}

export class VersionListDto {
  @ApiProperty({ type: [VersionDto], description: 'Newest first' })
  versions!: VersionDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'v1.7',
    description: 'Pass as `cursor` for the next (older) page; null on the last page',
  })
  next_cursor!: string | null;

  @ApiProperty({ example: false, description: 'True when older versions follow this page' })
  has_more!: boolean;
}

export class RolledBackDto {
  @ApiProperty({ example: 'Successfully rolled back to v1.2' })
  message!: string;

  @ApiProperty({ example: 'v1.2' })
  current_version!: string;
}

export class VersionDiffDto {
  @ApiProperty({ example: 'v1.1' })
  from!: string;

  @ApiProperty({ example: 'v1.3' })
  to!: string;

  @ApiProperty({
    example:
      '===================================================================\n--- v1.1/prd.md\t2024-01-15T10:30:00.000Z\n+++ v1.3/prd.md\t2024-01-16T14:25:00.000Z\n@@ -1,3 +1,4 @@\n # PRD\n+## Metrics\n',
    description: 'Unified diff of prd.md, 3 lines of context',
  })
  diff!: string;

  @ApiProperty({ example: 1 })
  additions!: number;

  @ApiProperty({ example: 0 })
  deletions!: number;

  @ApiProperty({
    example: false,
    description:
      'True when the versions are too different to diff line by line within the time budget ' +
      '(about a second): `diff` then removes every line between the common first and last ' +
      'lines and adds every new one. It still applies; it is only not the smallest diff.',
  })
  too_different!: boolean;
}
