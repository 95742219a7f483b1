import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed, errorExample } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { ApiProjectMustBeActive, ApiProjectRoute } from '../api-docs';
import { RolledBackDto, RollbackDto, VersionDiffDto, VersionListDto } from './version.dto';
import { VersionReviewDto } from './version-review.dto';
import { reviewView, versionEntry } from './version.view';
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

  @Get('versions/:version/review')
  @ApiOperation({
    summary: "A version's review: the checklist's score and findings, and the model's critique",
    description:
      'Every saved version is reviewed as it is saved (a generation, an agent-mode iterate, a ' +
      'manual save; a rollback saves no version, so the version it makes current keeps its ' +
      'review). `version` is a label such as v1.2, or `current`.',
  })
  @ApiParam({ name: 'version', example: 'current', description: 'A version label, or "current"' })
  @ApiOkResponse({ type: VersionReviewDto })
  @ApiNotFoundResponse({
    description:
      "No such project or version among the caller's, no version yet, or a version saved " +
      'before versions were reviewed',
    schema: errorExample('Version v1.9 not found', 'NOT_FOUND'),
  })
  async review(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @Param('version') version: string,
  ): Promise<VersionReviewDto> {
    const stored = await this.versions.review(user.id, projectId, version);
    return reviewView(stored);
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
