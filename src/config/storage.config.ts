import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { join, resolve } from 'node:path';
import { configArea, requiredInProduction } from './config-area';
import { developmentSecret } from './development-secret';
import { emptyToUndefined, toBoolean } from './env-transforms';

export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriverName = (typeof STORAGE_DRIVERS)[number];

export class StorageEnv {
  @IsIn(STORAGE_DRIVERS)
  STORAGE_DRIVER: StorageDriverName = 'local';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STORAGE_LOCAL_DIR?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  STORAGE_URL_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET_NAME must be a valid bucket name',
  })
  S3_BUCKET_NAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  S3_ENDPOINT?: string;

  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  @IsString()
  AWS_REGION = 'us-east-1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AWS_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AWS_SECRET_ACCESS_KEY?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(604_800)
  S3_PRESIGNED_URL_EXPIRY = 3600;

  /** Origin put in front of the local driver's download URLs; empty gives root-relative URLs. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s?#]+(\/[^\s?#]*[^/\s?#])?$/, {
    message:
      'PUBLIC_BASE_URL must be an http(s) origin with an optional path and no trailing slash',
  })
  PUBLIC_BASE_URL?: string;
}

/** Objects: the local driver (files and signed URLs served by the API) or S3. */
export const storageConfig = configArea(StorageEnv, (vars, context) => {
  requiredInProduction(context, { STORAGE_URL_SECRET: vars.STORAGE_URL_SECRET });
  if (vars.STORAGE_DRIVER === 's3' && !vars.S3_BUCKET_NAME) {
    context.problems.push('S3_BUCKET_NAME: required when STORAGE_DRIVER=s3 (got missing)');
  }
  if (Boolean(vars.AWS_ACCESS_KEY_ID) !== Boolean(vars.AWS_SECRET_ACCESS_KEY)) {
    context.problems.push(
      'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: set both or neither (the SDK chain is used when neither is set)',
    );
  }
  return {
    storage: {
      driver: vars.STORAGE_DRIVER,
      localDir: vars.STORAGE_LOCAL_DIR
        ? resolve(context.cwd, vars.STORAGE_LOCAL_DIR)
        : join(context.dataDir, 'objects'),
      urlSecret: vars.STORAGE_URL_SECRET ?? developmentSecret(context, 'storage'),
      downloadUrlTtlSeconds: vars.S3_PRESIGNED_URL_EXPIRY,
      /** Origin of the local driver's download URLs ('' = root-relative). */
      publicBaseUrl: vars.PUBLIC_BASE_URL ?? '',
      s3: {
        bucket: vars.S3_BUCKET_NAME,
        endpoint: vars.S3_ENDPOINT,
        forcePathStyle: vars.S3_FORCE_PATH_STYLE,
        region: vars.AWS_REGION,
        accessKeyId: vars.AWS_ACCESS_KEY_ID,
        secretAccessKey: vars.AWS_SECRET_ACCESS_KEY,
      },
    },
  };
});
