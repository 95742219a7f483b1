import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { ApiProjectMustBeActive, ApiProjectRoute } from '@/projects/api-docs';
import { SavedVersionDto, SaveVersionDto } from '@/projects/versions/version.dto';
import { savedVersion } from '@/projects/versions/version.view';
import { ManualSaveWorkflow } from './manual-save.workflow';

/** POST /projects/{id}/versions: the one versions route that needs the review agent. */
@ApiTags('versions')
@ApiProjectRoute()
@Controller('projects/:project_id')
export class ManualSaveController {
  constructor(private readonly manualSave: ManualSaveWorkflow) {}

  @Post('versions')
  @ApiOperation({
    // The operation id clients already generate code from.
    operationId: 'VersionsController_save',
    summary: 'Save an edited PRD and flowchart as the next version (authored by the caller)',
    description:
      'The version is reviewed as it is saved (GET /projects/{project_id}/versions/{version}/review).',
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
    return savedVersion(await this.manualSave.save(user.id, projectId, dto));
  }
}
