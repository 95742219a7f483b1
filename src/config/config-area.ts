import 'reflect-metadata';
import type { NodeEnv } from './node-env';

/** What every area's mapper may read besides its own variables. */
export interface ConfigContext {
  readonly env: NodeEnv;
  /** DATA_DIR, absolute. */
  readonly dataDir: string;
  readonly cwd: string;
  /** A mapper adds one line naming the variable for each value it refuses. */
  readonly problems: string[];
}

/**
 * One area of the configuration in one file: the env class (its variables, defaults and
 * class-validator rules) and the mapper that turns them into the area's slice of AppConfig.
 * Adding a variable touches its area's file (and .env.example); adding an area, that file and
 * the list in config-areas.ts.
 */
export interface ConfigArea<Env extends object, Slice extends object> {
  readonly Env: new () => Env;
  map(vars: Env, context: ConfigContext): Slice;
}

export type SliceOf<Area> = Area extends { map: (...args: never[]) => infer Slice } ? Slice : never;

export function configArea<Env extends object, Slice extends object>(
  Env: new () => Env,
  map: (vars: Env, context: ConfigContext) => Slice,
): ConfigArea<Env, Slice> {
  return { Env, map };
}

/** "X: required when NODE_ENV=production (got missing)" for each unset one, in production. */
export function requiredInProduction(
  context: ConfigContext,
  given: Readonly<Record<string, string | undefined>>,
): void {
  if (context.env !== 'production') return;
  for (const [name, value] of Object.entries(given)) {
    if (!value) context.problems.push(`${name}: required when NODE_ENV=production (got missing)`);
  }
}
