import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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
}

/** Operator endpoints: the token that guards /health/detailed and /metrics, and the API docs. */
export const opsConfig = configArea(OpsEnv, (vars, context) => {
  // Detailed health and metrics describe the deployment: never public in production.
  requiredInProduction(context, { OPS_TOKEN: vars.OPS_TOKEN });
  return { ops: { token: vars.OPS_TOKEN, swaggerEnabled: vars.SWAGGER_ENABLED } };
});
