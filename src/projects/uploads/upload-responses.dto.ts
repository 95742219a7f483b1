import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXTRACTION_STATUSES, ExtractionStatus } from './upload.schema';

export class TextExtractionDto {
  @ApiProperty({ enum: EXTRACTION_STATUSES, example: 'extracted' })
  status!: ExtractionStatus;

  @ApiProperty({ example: 18234, description: 'Characters of text extracted' })
  chars!: number;

  @ApiProperty({ example: false, description: 'Cut at 500,000 characters' })
  truncated!: boolean;

  @ApiProperty({ type: String, nullable: true, example: null })
  error!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://s3.amazonaws.com/presigned-url',
    description: 'Signed, expiring URL of the extracted text',
  })
  text_url!: string | null;
}

/** The contract's fields first, then what else we know about the file. */
export class UploadedFileDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  id!: string;

  @ApiProperty({ example: 'requirements.pdf', description: 'Sanitised file name' })
  filename!: string;

  @ApiProperty({ example: 2048576, description: 'Bytes' })
  size!: number;

  @ApiProperty({
    example: 'https://s3.amazonaws.com/presigned-url',
    description: 'Signed, expiring',
  })
  url!: string;

  @ApiProperty({
    example: 'https://s3.amazonaws.com/presigned-url',
    description: '`url`, as GET /projects/{project_id}/uploads names it',
  })
  download_url!: string;

  @ApiProperty({ example: 'application/pdf', description: 'From the content, not the client' })
  content_type!: string;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @ApiProperty({ example: false, description: 'True when the project already had this content' })
  duplicate!: boolean;

  @ApiProperty({ type: TextExtractionDto })
  text_extraction!: TextExtractionDto;
}

export class UploadedFilesDto {
  @ApiProperty({ type: [UploadedFileDto] })
  uploaded_files!: UploadedFileDto[];
}

export class UploadListEntryDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  id!: string;

  @ApiProperty({ example: 'requirements.pdf' })
  filename!: string;

  @ApiProperty({ example: 2048576 })
  size!: number;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' })
  uploaded_at!: string;

  @ApiProperty({ example: 'https://s3.amazonaws.com/presigned-url' })
  download_url!: string;

  @ApiProperty({
    example: 'https://s3.amazonaws.com/presigned-url',
    description: '`download_url`, as the upload answer names it',
  })
  url!: string;

  @ApiProperty({ example: 'application/pdf' })
  content_type!: string;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @ApiPropertyOptional({ example: 'Product Requirements.pdf' })
  original_filename!: string;

  @ApiProperty({ type: TextExtractionDto })
  text_extraction!: TextExtractionDto;
}

export class UploadListDto {
  @ApiProperty({ type: [UploadListEntryDto] })
  files!: UploadListEntryDto[];
}
