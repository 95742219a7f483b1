import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { configArea, requiredInProduction } from './config-area';
import { emptyToUndefined } from './env-transforms';

const DOCUMENT_LOCK_MODES = ['auto', 'on', 'off'] as const;
export type DocumentLockMode = (typeof DOCUMENT_LOCK_MODES)[number];

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

  /**
   * Whether each update of one document runs under a short Redis lock. `auto` asks the server
   * once: FerretDB applies an update as read, modify, write without isolation (two updates of
   * one document can undo each other), MongoDB applies it atomically.
   */
  @IsIn(DOCUMENT_LOCK_MODES, { message: 'MONGODB_DOCUMENT_LOCKS must be auto, on or off' })
  MONGODB_DOCUMENT_LOCKS: DocumentLockMode = 'auto';
}

/** The document store. Undefined means "start the embedded one" (never in production). */
export const databaseConfig = configArea(DatabaseEnv, (vars, context) => {
  requiredInProduction(context, { MONGODB_URI: vars.MONGODB_URI });
  return {
    mongo: {
      uri: vars.MONGODB_URI,
      timeoutMs: vars.MONGODB_TIMEOUT_MS,
      embeddedPort: vars.EMBEDDED_MONGODB_PORT,
      documentLocks: vars.MONGODB_DOCUMENT_LOCKS,
    },
  };
});
