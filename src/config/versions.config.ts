import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { configArea } from './config-area';

export class VersionsEnv {
  /** Saved versions one project may hold; a save beyond it is a 409 QUOTA_EXCEEDED. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  VERSIONS_MAX_PER_PROJECT = 500;
}

/** How far a project's version history may grow (versions are immutable and never pruned). */
export const versionsConfig = configArea(VersionsEnv, (vars) => ({
  versions: { maxPerProject: vars.VERSIONS_MAX_PER_PROJECT },
}));
