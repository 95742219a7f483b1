import { Controller, Get, Param, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import { ApiProjectMustBeActive, ApiProjectRoute } from '../api-docs';
import { ApiFilesBody, ApiUploadRefusals } from '@/common/uploads/api-docs';
import { FilesOnlyInterceptor } from '@/common/uploads/files-only.interceptor';
import { MultipartFilesInterceptor } from '@/common/uploads/multipart-files.interceptor';
import { UploadedFilesDto, UploadListDto } from './upload-responses.dto';
import { uploadedFile, uploadListEntry } from './upload.view';
import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@ApiProjectRoute()
@Controller('projects/:project_id/uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @RateLimit('uploads')
  @UseInterceptors(MultipartFilesInterceptor, FilesOnlyInterceptor)
  @ApiOperation({
    summary: 'Attach files to a project',
    description:
      '.pdf .doc .docx .md .png .jpg .jpeg, checked by extension and content; 10 MB each; at most ' +
      'MAX_FILES_PER_REQUEST per request; one bad file refuses the request. The same content ' +
      'uploaded again returns the existing record (`duplicate: true`). Text is extracted from ' +
      'pdf, docx and md for the agents.',
  })
  @ApiFilesBody('UploadFilesForm', undefined, { required: true })
  @ApiCreatedResponse({ type: UploadedFilesDto })
  @ApiValidationFailed('Validation failed: files: at most 5 files per request')
  @ApiUploadRefusals()
  @ApiProjectMustBeActive()
  async upload(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
  ): Promise<UploadedFilesDto> {
    const stored = await this.uploads.upload(user.id, projectId, files ?? []);
    const uploaded = await Promise.all(
      stored.map(async (entry) => uploadedFile(entry, await this.uploads.withUrls(entry.upload))),
    );
    return { uploaded_files: uploaded };
  }

  @Get()
  @ApiOperation({ summary: "A project's files with signed, expiring download URLs" })
  @ApiOkResponse({ type: UploadListDto })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
  ): Promise<UploadListDto> {
    const files = await this.uploads.list(user.id, projectId);
    return { files: files.map(uploadListEntry) };
  }
}
