import { ApiProperty } from '@nestjs/swagger';
import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';
import { PROJECT_STATUSES, ProjectStatus } from '../project.schema';

const LENS_EXAMPLE = {
  discovery: true,
  user_journey: true,
  metrics: false,
  gtm: true,
  risks: false,
};

export class ThinkingLensStatusDto {
  @ApiProperty() discovery!: boolean;
  @ApiProperty() user_journey!: boolean;
  @ApiProperty() metrics!: boolean;
  @ApiProperty() gtm!: boolean;
  @ApiProperty() risks!: boolean;
}

/** One row of GET /projects. */
export class ProjectSummaryDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  id!: string;

  @ApiProperty({ example: 'Mobile App PRD' })
  project_name!: string;

  @ApiProperty({ example: 'A fitness tracking app...' })
  initial_idea!: string;

  @ApiProperty({ enum: PROJECT_STATUSES, example: 'active' })
  status!: ProjectStatus;

  @ApiProperty({ type: String, nullable: true, example: 'v1.3' })
  current_version!: string | null;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T14:25:00.000Z' })
  updated_at!: string;

  @ApiProperty({ type: ThinkingLensStatusDto, example: LENS_EXAMPLE })
  thinking_lens_status!: ThinkingLensStatusDto;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'The chat the project was converted from',
  })
  source_chat_id!: string | null;

  @ApiProperty({ example: false })
  created_from_chat!: boolean;
}

export class ProjectListDto {
  @ApiProperty({ type: [ProjectSummaryDto] })
  projects!: ProjectSummaryDto[];

  @ApiProperty({ example: 1 })
  total!: number;

  @ApiProperty({ example: 20 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}

export class VersionHistoryEntryDto {
  @ApiProperty({ example: 'v1.3' })
  version!: string;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T14:25:00.000Z' })
  timestamp!: string;

  @ApiProperty({ example: 'Added metrics section' })
  changes!: string;
}

export class ProjectDetailDto extends ProjectSummaryDto {
  @ApiProperty({ type: String, nullable: true, example: '# Product Requirements Document...' })
  prd_content!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'graph TD\n A[User] --> B[Frontend]' })
  flowchart_content!: string | null;

  @ApiProperty({ type: [VersionHistoryEntryDto], description: 'Newest first' })
  version_history!: VersionHistoryEntryDto[];
}

export class ProjectEnvelopeDto {
  @ApiProperty({ type: ProjectDetailDto })
  project!: ProjectDetailDto;
}

export class ClarificationQuestionDto {
  @ApiProperty({ enum: THINKING_LENSES, example: 'discovery' })
  lens!: ThinkingLens;

  @ApiProperty({ example: 'Who is your primary target user?' })
  question!: string;

  @ApiProperty({ example: 'Understanding your core audience helps define key features' })
  context!: string;

  @ApiProperty({
    type: [String],
    minItems: 2,
    maxItems: 4,
    example: ['Independent clinics', 'Clinic chains', 'Solo practitioners'],
    description: 'Short, distinct answers to pick from (the user may still write their own)',
  })
  options!: string[];

  @ApiProperty({ example: 'Independent clinics', description: 'One of `options`' })
  recommended!: string;

  @ApiProperty({
    example: 'The idea names independent clinics, and they feel the cancellations most',
    description: 'Why `recommended` is recommended, in one line',
  })
  recommended_reason!: string;
}

export class CreatedProjectDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  project_id!: string;

  @ApiProperty({ example: '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a', description: 'uuid4' })
  session_id!: string;

  @ApiProperty({ type: [ClarificationQuestionDto], description: '5 to 10 questions' })
  clarification_questions!: ClarificationQuestionDto[];
}

export class ProjectUpdatedDto {
  @ApiProperty({ example: 'Project updated successfully' })
  message!: string;

  @ApiProperty({ type: ProjectSummaryDto })
  project!: ProjectSummaryDto;
}

export class ProjectDeletedDto {
  @ApiProperty({ example: 'Project deleted successfully' })
  message!: string;
}
