import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { configArea, requiredInProduction } from './config-area';
import { emptyToUndefined } from './env-transforms';

export class DatabaseEnv {
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, {
    message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI',
  })
  MONGODB_URI?: string;
}

/** The document store. Undefined means "start the embedded one" (never in production). */
export const databaseConfig = configArea(DatabaseEnv, (vars, context) => {
  requiredInProduction(context, { MONGODB_URI: vars.MONGODB_URI });
  return { mongo: { uri: vars.MONGODB_URI } };
});
