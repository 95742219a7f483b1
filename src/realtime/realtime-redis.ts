import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { watchConnection } from '@/infra/redis/connection-watch';
import { requireUrl } from '@/infra/redis/redis.module';

/**
 * A dedicated connection for Socket.IO's pub/sub. Not the shared client: a subscriber cannot run
 * other commands, and ioredis's keyPrefix does not apply to channels anyway (the prefix goes into
 * the channel key instead, see realtimeChannelKey).
 */
export function realtimeRedis(config: AppConfig, role: 'publisher' | 'subscriber'): Redis {
  const client = new Redis(requireUrl(config.redis.url), {
    connectionName: `prd-forge:realtime-${role}`,
    maxRetriesPerRequest: 2,
    connectTimeout: config.redis.commandTimeoutMs,
  });
  return watchConnection(client, `realtime-${role}`);
}

export async function quitRedis(client: Redis): Promise<void> {
  if (client.status !== 'end') await client.quit().catch(() => client.disconnect());
}
