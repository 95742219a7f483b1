import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed, errorExample } from '@/common/decorators/api-errors.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { ApiProjectMustBeActive, ApiProjectRoute } from '../api-docs';
import {
  ListVersionsQuery,
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
  @ApiOperation({
    summary: 'The saved versions, newest first, a page at a time, with signed download URLs',
    description:
      'Pages of `limit` versions (50 by default); `next_cursor` goes back as `cursor` for ' +
      'the older ones, until `has_more` is false.',
  })
  @ApiOkResponse({ type: VersionListDto })
  @ApiValidationFailed(
    'Validation failed: cursor must be a next_cursor of this list, such as v1.57',
  )
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Query() query: ListVersionsQuery,
  ): Promise<VersionListDto> {
    const page = await this.versions.list(user.id, projectId, query);
    return {
      versions: page.versions.map(versionEntry),
      next_cursor: page.nextCursor,
      has_more: page.nextCursor !== null,
    };
  }

  @Post('versions')
  @RateLimit('versions')
  @ApiOperation({
    summary: 'Save an edited PRD and flowchart as the next version (authored by the caller)',
    description:
      'Rate limited per user (RATE_LIMIT_VERSIONS_PER_HOUR). A project holds at most ' +
      'VERSIONS_MAX_PER_PROJECT versions (500 by default): beyond that, 409 QUOTA_EXCEEDED.',
  })
  @ApiBody({ type: SaveVersionDto })
  @ApiCreatedResponse({ type: SavedVersionDto })
  @ApiValidationFailed('Validation failed: changes must be shorter than or equal to 200 characters')
  @ApiResponse({
    status: 409,
    description:
      'The project is archived or deleted (CONFLICT), or holds the most versions it may keep ' +
      '(QUOTA_EXCEEDED)',
    schema: errorExample(
      'The project already holds 500 versions, the most it may keep; start a new project to continue',
      'QUOTA_EXCEEDED',
      { limit: 500 },
    ),
  })
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
