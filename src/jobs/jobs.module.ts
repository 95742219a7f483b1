import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import { requireUrl } from '@/infra/redis/redis.module';
import { ALL_QUEUES } from './queues';
import { WorkerHeartbeats } from './worker-heartbeats';

/**
 * BullMQ on the shared Redis; API and worker entries both import it (producers and consumers),
 * with the consumers' heartbeats (written where jobs run, read by the API).
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const url = new URL(requireUrl(config.redis.url));
        return {
          prefix: `${config.redis.keyPrefix}bull`,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
          },
          defaultJobOptions: {
            attempts: 3,
            backoff: { type: 'exponential', delay: 2_000 },
            removeOnComplete: { age: 86_400, count: 1_000 },
            removeOnFail: { age: 7 * 86_400 },
          },
        };
      },
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [WorkerHeartbeats],
  exports: [BullModule, WorkerHeartbeats],
})
export class JobsModule {}
