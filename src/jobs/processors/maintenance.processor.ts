import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { RetentionService } from '@/maintenance/retention.service';
import { SessionSweepService } from '@/maintenance/session-sweep.service';
import { WebhooksService } from '@/webhooks/webhooks.service';
import { MAINTENANCE_QUEUE, MaintenanceJobName } from '../queues';

/** Consumes the `maintenance` queue: each job name goes to one service method. */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends WorkerHost {
  /** A record over every job name, so adding a name without its handler does not compile. */
  private readonly handlers: Record<MaintenanceJobName, () => Promise<unknown>>;

  constructor(
    retention: RetentionService,
    sessionSweep: SessionSweepService,
    webhooks: WebhooksService,
  ) {
    super();
    this.handlers = {
      'account-retention-purge': () => retention.purgeExpiredAccounts(),
      'expired-session-sweep': () => sessionSweep.sweepExpired(),
      'webhook-delivery-prune': () => webhooks.pruneDeliveries(),
    };
  }

  process(job: Job): Promise<unknown> {
    if (!Object.hasOwn(this.handlers, job.name)) {
      // A job from a newer release (rolling deploy): failing it leaves it for that release.
      return Promise.reject(new Error(`Unknown maintenance job ${JSON.stringify(job.name)}`));
    }
    return this.handlers[job.name as MaintenanceJobName]();
  }
}
