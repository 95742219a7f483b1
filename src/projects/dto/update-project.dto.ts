import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimName } from '@/common/decorators/sanitized-text.decorator';
import { PROJECT_NAME_MAX } from './create-project.dto';
import { ApiSchemaRules } from '@/common/decorators/api-schema-rules.decorator';

/** Statuses a PATCH may set: archive, or restore (from archived or deleted). Delete is DELETE. */
export const PATCHABLE_STATUSES = ['active', 'archived'] as const;

/** Rename, archive or restore; at least one field. */
@ApiSchemaRules({ minProperties: 1 })
export class UpdateProjectDto {
  @ApiPropertyOptional({ example: 'Mobile App PRD', maxLength: PROJECT_NAME_MAX })
  @OptionalNotNull()
  @VerbatimName()
  @IsString()
  @MinLength(1)
  @MaxLength(PROJECT_NAME_MAX)
  project_name?: string;

  @ApiPropertyOptional({
    enum: PATCHABLE_STATUSES,
    description: '"archived" archives; "active" restores an archived or deleted project',
  })
  @OptionalNotNull()
  @IsIn(PATCHABLE_STATUSES)
  status?: (typeof PATCHABLE_STATUSES)[number];
}
