import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { configArea } from './config-area';

export class MaintenanceEnv {
  /** Days a soft-deleted account is kept before the maintenance queue purges it for good. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  ACCOUNT_RETENTION_DAYS = 30;

  /** How often the maintenance jobs (retention purge, expired-session sweep) run. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_080)
  MAINTENANCE_INTERVAL_MINUTES = 60;
}

/** The maintenance queue's jobs: the account purge and the expired-session sweep. */
export const maintenanceConfig = configArea(MaintenanceEnv, (vars) => ({
  maintenance: {
    accountRetentionDays: vars.ACCOUNT_RETENTION_DAYS,
    intervalMinutes: vars.MAINTENANCE_INTERVAL_MINUTES,
  },
}));
