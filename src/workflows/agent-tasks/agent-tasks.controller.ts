import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { Idempotent } from '@/common/idempotency/idempotent.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import { ApiProjectMustBeActive, ApiProjectRoute } from '@/projects/api-docs';
import { AgentTasksWorkflow } from './agent-tasks.workflow';
import { ClarificationsDto } from './dto/clarifications.dto';
import { IterateDto } from './dto/iterate.dto';
import { AcceptedTaskDto, GenerationStatusDto } from './dto/task-responses.dto';

/** The agent endpoints: start agent work, then poll it by task id. */
@ApiTags('agents')
@ApiProjectRoute()
@Controller('projects/:project_id')
export class AgentTasksController {
  constructor(private readonly tasks: AgentTasksWorkflow) {}

  @Post('clarifications')
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimit('ai')
  @Idempotent()
  @ApiOperation({
    summary: 'Answer the clarification questions; the agent writes the PRD and flowchart',
    description:
      'Queues the generate graph and answers at once with a task id to poll. The result is ' +
      'saved as the next version (author: agent). Unknown, expired or foreign sessions are 404. ' +
      'The same answers for the same session while their task is queued or running answer ' +
      'with that task (a double-click starts one generation, not two).',
  })
  @ApiAcceptedResponse({ type: AcceptedTaskDto })
  @ApiValidationFailed('Validation failed: answers.0.lens must be one of the following values: ...')
  @ApiProjectMustBeActive()
  clarifications(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Body() dto: ClarificationsDto,
  ): Promise<AcceptedTaskDto> {
    return this.tasks.requestGeneration(user.id, projectId, dto);
  }

  @Post('iterate')
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimit('ai')
  @Idempotent()
  @ApiOperation({
    summary: 'Refine the PRD (agent mode: a new version) or discuss it (think mode: no changes)',
    description:
      'Queues the iterate graph. Agent mode rewrites only the sections the request touches ' +
      '(and the flowchart when journeys change) and saves the next version with a one-line ' +
      '`changes`; think mode puts its answer in the task result and never writes. 409 when ' +
      'the project has no PRD yet. The same request (mode, message, session) while its task is ' +
      'queued or running answers with that task.',
  })
  @ApiAcceptedResponse({ type: AcceptedTaskDto })
  @ApiValidationFailed('Validation failed: mode must be one of the following values: agent, think')
  @ApiProjectMustBeActive()
  iterate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Body() dto: IterateDto,
  ): Promise<AcceptedTaskDto> {
    return this.tasks.requestIteration(user.id, projectId, dto);
  }

  @Get('generation-status/:task_id')
  @ApiOperation({ summary: 'State, progress (percent, step, ETA) and result of an agent task' })
  @ApiOkResponse({ type: GenerationStatusDto })
  status(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Param('task_id') taskId: string,
  ): Promise<GenerationStatusDto> {
    return this.tasks.status(user.id, projectId, taskId);
  }
}
