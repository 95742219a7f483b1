import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { NotBlank, VerbatimName, VerbatimText } from '@/common/decorators/sanitized-text.decorator';

export const IDEA_MIN = 10;
export const IDEA_MAX = 5000;
export const PROJECT_NAME_MAX = 100;

/** The text fields of POST /projects (multipart, or JSON when there are no files). */
export class CreateProjectDto {
  @ApiProperty({
    example: 'A platform for connecting freelancers',
    minLength: IDEA_MIN,
    maxLength: IDEA_MAX,
    description:
      'Stored exactly as sent (line breaks, `<`, `>`, emoji); control characters other than tab, newline and carriage return are refused',
  })
  @VerbatimText()
  @NotBlank()
  @IsString()
  @MinLength(IDEA_MIN)
  @MaxLength(IDEA_MAX)
  initial_idea!: string;

  @ApiPropertyOptional({
    example: 'Freelancer Marketplace PRD',
    maxLength: PROJECT_NAME_MAX,
    description: 'Derived from the idea when left out; one line, kept as sent',
  })
  @OptionalNotNull()
  @VerbatimName()
  @IsString()
  @MinLength(1)
  @MaxLength(PROJECT_NAME_MAX)
  project_name?: string;
}
