import type { AreaSlices } from './config-areas';
import type { runtimeConfig } from './runtime.config';

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Every area's slice (runtime first), as each area's mapper returns it. */
export type AppConfigValues = DeepReadonly<ReturnType<typeof runtimeConfig> & AreaSlices>;

// A class whose instances have exactly the areas' fields: AppConfig stays a class (it is the
// injection token) while its shape comes from the area files, never written out twice.
const Values = class {} as new () => AppConfigValues;

/** The typed, validated configuration every module reads. Built once by `loadAppConfig`. */
export class AppConfig extends Values {
  static from(values: AppConfigValues): AppConfig {
    return Object.freeze(Object.assign(new AppConfig(), values));
  }

  /** A copy with the embedded services' addresses filled in. */
  withServiceUrls(mongoUri: string, redisUrl: string): AppConfig {
    return AppConfig.from({
      ...this,
      mongo: { ...this.mongo, uri: mongoUri },
      redis: { ...this.redis, url: redisUrl },
    });
  }
}
