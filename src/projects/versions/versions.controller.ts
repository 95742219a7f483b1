import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { ApiProjectMustBeActive, ApiProjectRoute } from '../api-docs';
import {
  RolledBackDto,
  RollbackDto,
  SavedVersionDto,
  SaveVersionDto,
  VersionDiffDto,
  VersionListDto,
} from './version.dto';
import { savedVersion, versionEntry } from './version.view';
import { VersionsService } from './versions.service';

@ApiTags('versions')
@ApiProjectRoute()
@Controller('projects/:project_id')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @Get('versions')
  @ApiOperation({ summary: 'Every saved version, newest first, with signed download URLs' })
  @ApiOkResponse({ type: VersionListDto })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
  ): Promise<VersionListDto> {
    const versions = await this.versions.list(user.id, projectId);
    return { versions: versions.map(versionEntry) };
  }

  @Post('versions')
  @ApiOperation({
    summary: 'Save an edited PRD and flowchart as the next version (authored by the caller)',
  })
  @ApiBody({ type: SaveVersionDto })
  @ApiCreatedResponse({ type: SavedVersionDto })
  @ApiValidationFailed('Validation failed: changes must be shorter than or equal to 200 characters')
  @ApiProjectMustBeActive()
  async save(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Body() dto: SaveVersionDto,
  ): Promise<SavedVersionDto> {
    const saved = await this.versions.save(user.id, projectId, {
      prdContent: dto.prd_content,
      flowchartContent: dto.flowchart_content,
      changes: dto.changes,
      author: { kind: 'user', id: user.id },
      thinkingLensStatus: dto.thinking_lens_status,
    });
    return savedVersion(saved);
  }

  @Post('rollback')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Make an earlier version current; history is kept and the next save gets a new label',
  })
  @ApiBody({ type: RollbackDto })
  @ApiOkResponse({ type: RolledBackDto })
  @ApiValidationFailed('Validation failed: version must be a version label such as v1.2')
  @ApiProjectMustBeActive()
  async rollback(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Body() dto: RollbackDto,
  ): Promise<RolledBackDto> {
    const current = await this.versions.rollback(user.id, projectId, dto.version);
    return { message: `Successfully rolled back to ${current}`, current_version: current };
  }

  @Get('versions/:from/diff/:to')
  @ApiOperation({ summary: 'Unified diff of the PRD between two versions' })
  @ApiOkResponse({ type: VersionDiffDto })
  async diff(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Param('from') from: string,
    @Param('to') to: string,
  ): Promise<VersionDiffDto> {
    const diff = await this.versions.diff(user.id, projectId, from, to);
    return { from, to, ...diff };
  }
}
