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

/** Where a version's usage fields are documented (a version, and a project's current one). */
function usageProperties(whose: string) {
  return {
    model_used: ApiProperty({
      type: String,
      nullable: true,
      example: 'gpt-4o-mini',
      description:
        `The model that wrote ${whose} ("offline" for the offline drafter; several, after a ` +
        'fallback, joined with commas); null when a person saved it (or there is none)',
    }),
    tokens_used: ApiProperty({
      type: Number,
      nullable: true,
      example: 5120,
      description: `Tokens the agent run that wrote ${whose} used; null when a person saved it`,
    }),
    cost_usd: ApiProperty({
      type: Number,
      nullable: true,
      example: 0.0031,
      description:
        `Their cost in USD (0 offline and for a model without a known price); null when a ` +
        'person saved it',
    }),
  };
}
const projectUsage = usageProperties('the current version');
const versionUsage = usageProperties('this version');

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

  @ApiProperty({
    type: String,
    nullable: true,
    example: '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a',
    description:
      'The current clarification session (the most recently used live one): send it with ' +
      'clarifications and iterate. Null when none is live; iterate opens one by itself, ' +
      'POST /projects/{project_id}/sessions opens one explicitly.',
  })
  session_id!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    example: '2024-01-17T14:25:00.000Z',
    description: 'When the current session expires unless used again (each use extends it)',
  })
  session_expires_at!: string | null;

  @projectUsage.model_used
  model_used!: string | null;

  @projectUsage.tokens_used
  tokens_used!: number | null;

  @projectUsage.cost_usd
  cost_usd!: number | null;
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

  @versionUsage.model_used
  model_used!: string | null;

  @versionUsage.tokens_used
  tokens_used!: number | null;

  @versionUsage.cost_usd
  cost_usd!: number | null;
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

/** POST /projects/{project_id}/sessions. */
export class SessionStartedDto {
  @ApiProperty({ example: '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a', description: 'uuid4' })
  session_id!: string;

  @ApiProperty({ format: 'date-time', example: '2024-01-17T14:25:00.000Z' })
  session_expires_at!: string;

  @ApiProperty({
    type: [ClarificationQuestionDto],
    description: "The questions of the project's previous session, still to be answered here",
  })
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
