import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/common/decorators/current-user.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiProjectRoute } from './api-docs';
import { CreateProjectDto, IDEA_MAX } from './dto/create-project.dto';
import { ListProjectsQuery } from './dto/list-projects.query';
import {
  CreatedProjectDto,
  ProjectDeletedDto,
  ProjectEnvelopeDto,
  ProjectListDto,
  ProjectUpdatedDto,
} from './dto/project-responses.dto';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectsService } from './projects.service';
import { ApiUploadRefusals } from '@/common/uploads/api-docs';
import { MultipartFilesInterceptor } from '@/common/uploads/multipart-files.interceptor';

@ApiTags('projects')
@ApiProjectRoute()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's projects in one status, newest first, paged" })
  @ApiOkResponse({ type: ProjectListDto })
  @ApiValidationFailed('Validation failed: limit must not be greater than 100')
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListProjectsQuery,
  ): Promise<ProjectListDto> {
    return this.projects.list(user.id, query);
  }

  @Post()
  @RateLimit('ai')
  @UseInterceptors(MultipartFilesInterceptor)
  @ApiOperation({
    summary:
      'Create a project from an idea (and optional files); get the first clarification questions',
    description:
      'Multipart: `initial_idea`, optional `project_name`, optional `files` (same rules as ' +
      'POST /projects/{project_id}/uploads). JSON works too when there are no files. A refused ' +
      'file creates nothing.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['initial_idea'],
      properties: {
        initial_idea: {
          type: 'string',
          maxLength: IDEA_MAX,
          example: 'A platform for connecting freelancers',
        },
        project_name: { type: 'string', maxLength: 100 },
        files: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
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
    return this.projects.create(user.id, dto, files ?? []);
  }

  @Get(':project_id')
  @ApiOperation({
    summary: 'A project with its current PRD, flowchart, lens status and version history',
  })
  @ApiOkResponse({ type: ProjectEnvelopeDto })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
  ): Promise<ProjectEnvelopeDto> {
    return { project: await this.projects.get(user.id, projectId) };
  }

  @Patch(':project_id')
  @ApiOperation({ summary: 'Rename, archive or restore a project' })
  @ApiOkResponse({ type: ProjectUpdatedDto })
  @ApiValidationFailed('Validation failed: send project_name, status or both')
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectUpdatedDto> {
    const project = await this.projects.update(user.id, projectId, dto);
    return { message: 'Project updated successfully', project };
  }

  @Delete(':project_id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete a project (status "deleted"); its versions and uploads are kept',
  })
  @ApiOkResponse({ type: ProjectDeletedDto })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
  ): Promise<ProjectDeletedDto> {
    await this.projects.remove(user.id, projectId);
    return { message: 'Project deleted successfully' };
  }
}
