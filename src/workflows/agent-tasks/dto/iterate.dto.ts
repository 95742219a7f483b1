import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { NotBlank, VerbatimText } from '@/common/decorators/sanitized-text.decorator';
import { ITERATE_MODES, type IterateMode } from '@/domain/agent-run';

export const ITERATE_MESSAGE_MAX = 4000;

/** POST /projects/{project_id}/iterate. */
export class IterateDto {
  @ApiProperty({
    enum: ITERATE_MODES,
    example: 'agent',
    description: '"agent" edits the PRD into a new version; "think" answers and never writes',
  })
  @IsIn(ITERATE_MODES)
  mode!: IterateMode;

  @ApiProperty({
    example: 'Add payment processing requirements',
    maxLength: ITERATE_MESSAGE_MAX,
    description:
      'The change to make. In agent mode, a request to fix the review ("fix the review findings") ' +
      "rewrites the sections the current version's review findings name (CONFLICT when there is " +
      'nothing to fix)',
  })
  @VerbatimText()
  @NotBlank()
  @IsString()
  @MinLength(2)
  @MaxLength(ITERATE_MESSAGE_MAX)
  message!: string;

  @ApiPropertyOptional({
    example: '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a',
    description:
      "uuid4. The project's session to work in; an expired one is renewed, and without it (or " +
      "when it is gone) the project's current session is used, or a new one opened. The 202 " +
      'names the session used.',
  })
  @OptionalNotNull()
  @IsUUID('4')
  session_id?: string;
}
