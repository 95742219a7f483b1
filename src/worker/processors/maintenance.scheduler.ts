import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@/config/app-config';
import { MAINTENANCE_JOBS, MAINTENANCE_QUEUE } from '@/jobs/queues';

/**
 * Puts the maintenance jobs on their schedule once at start-up, in whichever process runs the
 * workers. An upsert keyed by the job name: every instance writes the same scheduler, so
 * several instances (or restarts) never multiply the runs, and a new interval replaces the old.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.maintenance.intervalMinutes * 60_000;
    // The queue's default job options apply: 3 attempts, exponential backoff.
    await Promise.all(
      MAINTENANCE_JOBS.map((name) =>
        this.queue.upsertJobScheduler(name, { every }, { name, data: {} }),
      ),
    );
  }
}
