import { Type } from 'class-transformer';
import { IsNumber, Max, Min } from 'class-validator';
import { configArea } from './config-area';

export class SessionsEnv {
  /**
   * How long a clarification session lives after its last use (answers, iterate): every use
   * extends it by this much. Decimals allowed: 0.5 is 30 minutes.
   */
  @Type(() => Number)
  @IsNumber()
  @Min(0.001)
  @Max(8_760)
  SESSION_TTL_HOURS = 24;
}

/** Clarification sessions (the `sessions` collection), not sign-ins (those are token families). */
export const sessionsConfig = configArea(SessionsEnv, (vars) => ({
  sessions: { ttlMs: Math.round(vars.SESSION_TTL_HOURS * 3_600_000) },
}));
