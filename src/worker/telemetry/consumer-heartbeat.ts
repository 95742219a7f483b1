import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { HEARTBEAT_INTERVAL_MS, WorkerHeartbeats } from '@/jobs/worker-heartbeats';

/**
 * Says in Redis, every HEARTBEAT_INTERVAL_MS, that this process consumes the queues, so the API
 * can tell waiting jobs with nobody to run them (/health/detailed, worker_heartbeat_age_seconds).
 * A clean stop removes the beat at once.
 */
@Injectable()
export class ConsumerHeartbeat implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConsumerHeartbeat.name);
  /** Host and pid for whoever reads Redis; random, so two apps in one process never share one. */
  readonly consumerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly heartbeats: WorkerHeartbeats) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before any shutdown hook, so the shared Redis client is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.heartbeats.remove(this.consumerId).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.heartbeats.beat(this.consumerId);
    } catch (error) {
      // Redis is away: the next beat tries again, and readers see the age grow meanwhile.
      this.logger.warn(`Heartbeat not written: ${(error as Error).message}`);
    }
  }
}
