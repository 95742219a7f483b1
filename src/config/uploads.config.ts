import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { configArea } from './config-area';

export class UploadsEnv {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_UPLOAD_SIZE = 10_485_760;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  MAX_FILES_PER_REQUEST = 5;
}

/** What one upload request may carry. */
export const uploadsConfig = configArea(UploadsEnv, (vars) => ({
  uploads: { maxFileBytes: vars.MAX_UPLOAD_SIZE, maxFilesPerRequest: vars.MAX_FILES_PER_REQUEST },
}));
