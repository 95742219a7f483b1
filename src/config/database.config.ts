import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { configArea, requiredInProduction } from './config-area';
import { emptyToUndefined } from './env-transforms';

export class DatabaseEnv {
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, {
    message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI',
  })
  MONGODB_URI?: string;

  /**
   * Server selection, connection and socket timeout of the document store: a store that hangs
   * or is gone makes requests fail fast with 503 instead of holding them.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(300_000)
  MONGODB_TIMEOUT_MS = 5_000;

  /** Where the embedded FerretDB listens (when MONGODB_URI is unset). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_MONGODB_PORT = 27018;
}

/** The document store. Undefined means "start the embedded one" (never in production). */
export const databaseConfig = configArea(DatabaseEnv, (vars, context) => {
  requiredInProduction(context, { MONGODB_URI: vars.MONGODB_URI });
  return {
    mongo: {
      uri: vars.MONGODB_URI,
      timeoutMs: vars.MONGODB_TIMEOUT_MS,
      embeddedPort: vars.EMBEDDED_MONGODB_PORT,
    },
  };
});
