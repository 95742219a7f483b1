import { AppConfig } from '@/config/app-config';
import { LocalServices, startLocalServices } from '@/infra/local-services/local-services';

export interface ResolvedServices {
  readonly config: AppConfig;
  readonly local: LocalServices | undefined;
}

/** Starts FerretDB and/or Redis for whichever of MONGODB_URI / REDIS_URL is unset (never in production). */
export async function startEmbeddedServices(config: AppConfig): Promise<ResolvedServices> {
  const startMongo = !config.mongo.uri;
  const startRedis = !config.redis.url;
  if (!startMongo && !startRedis) return { config, local: undefined };
  const local = await startLocalServices({
    dataDir: config.dataDir,
    startMongo,
    startRedis,
    ephemeral: false,
    ports: { mongo: config.mongo.embeddedPort, redis: config.redis.embeddedPort },
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return {
    config: config.withServiceUrls(
      local.mongoUri ?? config.mongo.uri!,
      local.redisUrl ?? config.redis.url!,
    ),
    local,
  };
}
