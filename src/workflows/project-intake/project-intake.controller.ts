import { Body, Controller, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { Idempotent } from '@/common/idempotency/idempotent.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import { ApiFilesBody, ApiUploadRefusals } from '@/common/uploads/api-docs';
import { MultipartFilesInterceptor } from '@/common/uploads/multipart-files.interceptor';
import { ApiProjectRoute } from '@/projects/api-docs';
import { CreateProjectDto } from '@/projects/dto/create-project.dto';
import { CreatedProjectDto } from '@/projects/dto/project-responses.dto';
import { ProjectIntakeWorkflow } from './project-intake.workflow';

/** POST /projects: the one project route that needs the clarify agent, so it lives here. */
@ApiTags('projects')
@ApiProjectRoute()
@Controller('projects')
export class ProjectIntakeController {
  constructor(private readonly intake: ProjectIntakeWorkflow) {}

  @Post()
  @RateLimit('ai')
  // Above the multipart parser: it runs after it, so the files are part of the request compared.
  @Idempotent()
  @UseInterceptors(MultipartFilesInterceptor)
  @ApiOperation({
    // The operation id clients already generate code from.
    operationId: 'ProjectsController_create',
    summary:
      'Create a project from an idea (and optional files); get the first clarification questions',
    description:
      'Multipart: `initial_idea`, optional `project_name`, optional `files` (same rules as ' +
      'POST /projects/{project_id}/uploads). JSON works too when there are no files. A refused ' +
      'file creates nothing.',
  })
  @ApiFilesBody('CreateProjectForm', CreateProjectDto, { required: false })
  @ApiCreatedResponse({ type: CreatedProjectDto })
  @ApiValidationFailed(
    'Validation failed: initial_idea must be longer than or equal to 10 characters',
  )
  @ApiUploadRefusals()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateProjectDto,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
  ): Promise<CreatedProjectDto> {
    return this.intake.create(user.id, dto, files ?? []);
  }
}
