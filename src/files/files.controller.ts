import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { errorExample } from '@/common/decorators/api-errors.decorator';
import { Public } from '@/auth/decorators/public.decorator';
import { attachmentDisposition } from '@/storage/content-types';
import { FileDownloadsService } from './file-downloads.service';

export class SignedDownloadQuery {
  @IsOptional()
  @IsString()
  @MaxLength(20)
  expires?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  signature?: string;
}

/**
 * The filesystem driver's download URLs point here. Public on purpose: the signature is the
 * credential, like an S3 presigned URL, so a link works in a browser without a bearer token.
 */
@ApiTags('files')
@Public()
@Controller('files')
export class FilesController {
  constructor(private readonly downloads: FileDownloadsService) {}

  @Get(':token')
  @ApiOperation({
    summary: 'Download a stored object through a signed, expiring URL (local storage driver)',
    description:
      'URLs come from the API (uploads, versions). HMAC-SHA256 over the key, expiry and file name; ' +
      'an expired or altered URL answers 403.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The object, as an attachment' })
  @ApiForbiddenResponse({
    schema: errorExample('Download link is invalid or expired (expired)', 'FORBIDDEN'),
  })
  async download(
    @Param('token') token: string,
    @Query() query: SignedDownloadQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.downloads.open({ token, ...query });
    res.setHeader('Cache-Control', `private, max-age=${file.secondsLeft}`);
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: file.filename === undefined ? undefined : attachmentDisposition(file.filename),
    });
  }
}
