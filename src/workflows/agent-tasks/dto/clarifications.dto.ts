import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { VerbatimText } from '@/common/decorators/sanitized-text.decorator';
import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';

export const ANSWERS_MAX = 30;
export const QUESTION_MAX = 1000;
export const ANSWER_MAX = 5000;

export class ClarificationAnswerDto {
  @ApiProperty({ enum: THINKING_LENSES, example: 'discovery' })
  @IsIn(THINKING_LENSES)
  lens!: ThinkingLens;

  @ApiProperty({ example: 'Who is your primary target user?', maxLength: QUESTION_MAX })
  @VerbatimText()
  @IsString()
  @MinLength(1)
  @MaxLength(QUESTION_MAX)
  question!: string;

  @ApiProperty({
    example: 'Small business owners who need inventory management',
    maxLength: ANSWER_MAX,
    description: 'Empty or "not sure" leaves the point open: the PRD marks it [ASSUMPTION]',
  })
  @VerbatimText()
  @IsString()
  @MaxLength(ANSWER_MAX)
  answer!: string;
}

/** POST /projects/{project_id}/clarifications. */
export class ClarificationsDto {
  @ApiProperty({ example: '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a', description: 'uuid4' })
  @IsUUID('4')
  session_id!: string;

  @ApiProperty({
    type: [ClarificationAnswerDto],
    minItems: 1,
    maxItems: ANSWERS_MAX,
    description:
      'At least one answer (an empty `answer` leaves its question open). The same answers for ' +
      'the same session while their task is queued or running return that task.',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'answers must contain at least one answer' })
  @ArrayMaxSize(ANSWERS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ClarificationAnswerDto)
  answers!: ClarificationAnswerDto[];
}
