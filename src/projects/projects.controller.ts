import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiProjectRoute } from './api-docs';
import { ListProjectsQuery } from './dto/list-projects.query';
import {
  ProjectDeletedDto,
  ProjectEnvelopeDto,
  ProjectListDto,
  ProjectUpdatedDto,
} from './dto/project-responses.dto';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectsService } from './projects.service';

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
