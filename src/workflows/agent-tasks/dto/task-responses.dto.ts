import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from '@/common/errors';
import type {
  AgentRunFailure,
  AgentRunResult,
  DocumentResult,
  ThinkResult,
} from '@/domain/agent-run';
import { ThinkingLensStatusDto } from '@/projects/dto/project-responses.dto';

export const TASK_STATUSES = ['queued', 'processing', 'completed', 'error'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export class AcceptedTaskDto {
  @ApiProperty({ example: 'Processing clarifications' })
  message!: string;

  @ApiProperty({
    example: '0b6f3f0c-7f5e-4c1e-9a0e-2f6d1c9b8a77',
    description:
      'uuid4: poll GET generation-status/{task_id}; every room event of the task carries it',
  })
  task_id!: string;

  @ApiProperty({
    example: '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a',
    description:
      'The clarification session the task runs in (for iterate, possibly a renewed or new one): ' +
      'keep it for the next request',
  })
  session_id!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2024-01-17T14:25:00.000Z',
    description: 'When that session expires unless used again',
  })
  session_expires_at!: string;
}

/**
 * How the API document pictures an AgentRunResult: the document fields for generate and agent
 * mode, `answer` for think. Every field of either result, each optional (checked below).
 */
export class TaskResultDto implements Partial<DocumentResult>, Partial<ThinkResult> {
  @ApiPropertyOptional({ example: '# Product Requirements Document...' })
  prd_content?: string;

  @ApiPropertyOptional({ example: 'flowchart TD\n  Start(["User arrives"]) --> A["Sign up"]' })
  flowchart_content?: string;

  @ApiPropertyOptional({ type: ThinkingLensStatusDto })
  thinking_lens_status?: ThinkingLensStatusDto;

  @ApiPropertyOptional({ example: 'v1.1', description: 'The version the run saved' })
  version?: string;

  @ApiPropertyOptional({ example: 'Updated Functional Requirements: add payment processing' })
  changes?: string;

  @ApiPropertyOptional({ enum: ['think'], description: 'Think mode only' })
  mode?: 'think';

  @ApiPropertyOptional({ description: 'Think mode: the answer, read from the current PRD' })
  answer?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'v1.0' })
  based_on_version?: string | null;

  @ApiPropertyOptional({
    example: 'gpt-4o-mini',
    description:
      'The model that answered ("offline" for the offline drafter; several, after a fallback, ' +
      'joined with commas). A run resumed after a crash counts the calls since it resumed.',
  })
  model_used?: string;

  @ApiPropertyOptional({
    example: 5120,
    description: "Tokens the run's model calls used (the provider's count, else an estimate)",
  })
  tokens_used?: number;

  @ApiPropertyOptional({
    example: 0.0031,
    description: 'Their cost in USD (0 offline, and for a model without a known price)',
  })
  cost_usd?: number;
}

/** Fails to compile when a field of an AgentRunResult is missing from TaskResultDto. */
type Covered<T extends true> = T;
export type TaskResultDtoCoversTheContract = Covered<
  Exclude<keyof DocumentResult | keyof ThinkResult, keyof TaskResultDto> extends never
    ? true
    : false
>;

export class TaskErrorDto implements AgentRunFailure {
  @ApiProperty({ example: 'Agent execution failed' })
  message!: string;

  @ApiProperty({ enum: Object.keys(ERROR_STATUS), example: 'AGENT_FAILED' })
  error_code!: ErrorCode;
}

/** GET /projects/{project_id}/generation-status/{task_id}. */
export class GenerationStatusDto {
  @ApiProperty({ enum: TASK_STATUSES, example: 'processing' })
  status!: TaskStatus;

  @ApiProperty({ example: 65, description: 'Percent, 0-100' })
  progress!: number;

  @ApiProperty({ type: String, nullable: true, example: 'Generating flowchart' })
  current_step!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 30, description: 'Seconds' })
  estimated_time_remaining!: number | null;

  @ApiProperty({
    type: TaskResultDto,
    nullable: true,
    description: "Set when status is 'completed'",
  })
  result!: AgentRunResult | null;

  @ApiPropertyOptional({ type: TaskErrorDto, description: "Set when status is 'error'" })
  error?: AgentRunFailure;
}
