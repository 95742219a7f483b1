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
import { contentDisposition } from '@/storage/content-types';
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
      'an expired or altered URL answers 403. Sent with `Cross-Origin-Resource-Policy: ' +
      'cross-origin` and `X-Content-Type-Options: nosniff`: PNG, JPEG and plain text are ' +
      '`inline` (an `<img>` on the web client works), everything else an `attachment`.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The object: inline for images and plain text, else an attachment',
  })
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
    // The web client (another origin, CORS_ORIGINS) shows images with <img>: the signature is
    // the credential, so the object may be embedded anywhere its URL is known. nosniff (helmet)
    // still holds, and only images and plain text are inline.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: contentDisposition(file.contentType, file.filename),
    });
  }
}
