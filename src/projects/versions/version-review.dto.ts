import { ApiProperty } from '@nestjs/swagger';
import { CRITIQUE_STATUSES, type CritiqueStatus } from '@/domain/version-review';

const SEVERITIES = ['error', 'warning', 'info'] as const;

export class ReviewFindingDto {
  @ApiProperty({
    example: 'acceptance_testable:FR-3',
    description: '`<check>:<subject>`, stable across reviews of the same text',
  })
  id!: string;

  @ApiProperty({ enum: SEVERITIES, example: 'error' })
  severity!: (typeof SEVERITIES)[number];

  @ApiProperty({ example: 'Functional Requirements', description: 'A section title, or Flowchart' })
  section!: string;

  @ApiProperty({
    example: 'FR-3 has no testable acceptance criterion (Given … when … then …).',
  })
  message!: string;
}

export class ChecklistItemDto {
  @ApiProperty({ example: 'acceptance_testable' })
  id!: string;

  @ApiProperty({ example: 'Each FR has a testable acceptance criterion' })
  label!: string;

  @ApiProperty({ example: false, description: 'Every item of the check passed' })
  ok!: boolean;

  @ApiProperty({ example: 5, description: 'Items that passed' })
  passed!: number;

  @ApiProperty({ example: 6, description: 'Items checked' })
  total!: number;

  @ApiProperty({ example: 12.5, description: 'Points earned (max_points × passed / total)' })
  points!: number;

  @ApiProperty({ example: 15 })
  max_points!: number;
}

export class ReviewCritiqueDto {
  @ApiProperty({ example: 'The PRD never decides how a freed slot is offered to the waitlist.' })
  summary!: string;

  @ApiProperty({ type: [ReviewFindingDto] })
  findings!: ReviewFindingDto[];

  @ApiProperty({ example: 'openai' })
  provider!: string;

  @ApiProperty({ example: 'gpt-4o' })
  model!: string;
}

/** GET /projects/{project_id}/versions/{version}/review. */
export class VersionReviewDto {
  @ApiProperty({
    example: 'v1.2',
    description: 'The version reviewed (its label, also for "current")',
  })
  version!: string;

  @ApiProperty({ example: 87, minimum: 0, maximum: 100, description: "The checklist's points" })
  score!: number;

  @ApiProperty({ type: [ChecklistItemDto], description: 'Every check, worth 100 points together' })
  checklist!: ChecklistItemDto[];

  @ApiProperty({ type: [ReviewFindingDto], description: "The checklist's findings, errors first" })
  findings!: ReviewFindingDto[];

  @ApiProperty({
    type: ReviewCritiqueDto,
    nullable: true,
    description: "A model's critique, when a model is configured and answered",
  })
  critique!: ReviewCritiqueDto | null;

  @ApiProperty({
    enum: CRITIQUE_STATUSES,
    example: 'not_configured',
    description:
      '`complete`: the critique is there; `not_configured`: no model (offline drafter only); ' +
      '`failed`: the model gave no usable critique (the version was saved all the same)',
  })
  critique_status!: CritiqueStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the critique failed: an error code (AI_UNAVAILABLE, AI_OUTPUT_INVALID, …)',
  })
  critique_error!: string | null;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T14:25:00.000Z' })
  reviewed_at!: string;
}
