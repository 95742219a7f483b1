import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import type { ConfigContext } from './config-area';
import { CONFIG_AREAS } from './config-areas';
import { ConfigError } from './config-error';
import { RuntimeEnv, runtimeConfig } from './runtime.config';

type Env = Record<string, string | undefined>;

/**
 * Every area's variables, validated and mapped (runtime first: the others get the environment
 * and the data dir from it). A bad value anywhere is collected, and the load fails once, naming
 * every offending variable.
 */
export function loadAppConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const given = stripEmpty(env);
  const problems: string[] = [];
  const read = <E extends object>(Env: new () => E): E => {
    const vars = plainToInstance(Env, given, { exposeDefaultValues: true });
    problems.push(...validateSync(vars, { whitelist: false }).flatMap(describe));
    return vars;
  };
  const runtime = runtimeConfig(read(RuntimeEnv), cwd);
  const context: ConfigContext = { env: runtime.env, dataDir: runtime.dataDir, cwd, problems };
  const slices = CONFIG_AREAS.map((area) => area.map(read(area.Env as new () => never), context));
  if (problems.length > 0) throw new ConfigError(problems);
  return AppConfig.from(Object.assign({}, runtime, ...slices) as AppConfig);
}

function stripEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

function describe(error: ValidationError): string[] {
  const value = error.value === undefined ? 'missing' : JSON.stringify(error.value);
  const rules = Object.values(error.constraints ?? {}).join('; ');
  return [`${error.property}: ${rules} (got ${value})`];
}
