import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { errorExample } from '@/common/decorators/api-errors.decorator';
import { Public } from '@/auth/decorators/public.decorator';
import { contentDisposition } from '@/storage/content-types';
import { FileDownloadsService } from './file-downloads.service';

/** The parts of a signed URL after the token; all three come from the API, never by hand. */
export class SignedDownloadQuery {
  @ApiPropertyOptional({
    description: 'When the link expires (Unix time, seconds)',
    example: '1705315800',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  expires?: string;

  @ApiPropertyOptional({
    description: 'The name the download is saved under (Content-Disposition)',
    example: 'spec.pdf',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({
    description: 'HMAC-SHA256 over the key, the expiry and the file name',
    example: 'Jx3Q0pIh2m4Vq8yZ1pUeYt5l4O8hQe2nX1kK9bH8d0s',
  })
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
  @ApiOkResponse({
    description:
      'The object in its own content type: inline for images and plain text, else an attachment',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiForbiddenResponse({
    description: 'The link is unsigned, altered or expired',
    schema: errorExample('Download link is invalid or expired (expired)', 'FORBIDDEN'),
  })
  @ApiNotFoundResponse({
    description: 'The object is gone (or the API stores objects in S3)',
    schema: errorExample('File not found', 'NOT_FOUND'),
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
