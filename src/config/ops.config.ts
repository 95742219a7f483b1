import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { configArea, requiredInProduction } from './config-area';
import { emptyToUndefined, toBoolean } from './env-transforms';

export class OpsEnv {
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  OPS_TOKEN?: string;

  @Transform(toBoolean)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  /** The commit the build came from (the image's build argument), shown by build_info. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[0-9a-f]{7,40}$/, {
    message: 'BUILD_COMMIT must be a git commit id (7-40 hex digits)',
  })
  BUILD_COMMIT?: string;
}

/**
 * Operator endpoints: the token that guards /health/detailed and /metrics (and the worker's
 * metrics listener), the API docs, and the build's commit for build_info.
 */
export const opsConfig = configArea(OpsEnv, (vars, context) => {
  // Detailed health and metrics describe the deployment: never public in production.
  requiredInProduction(context, { OPS_TOKEN: vars.OPS_TOKEN });
  return {
    ops: {
      token: vars.OPS_TOKEN,
      swaggerEnabled: vars.SWAGGER_ENABLED,
      buildCommit: vars.BUILD_COMMIT,
    },
  };
});
