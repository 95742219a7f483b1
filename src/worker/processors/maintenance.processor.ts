import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { MAINTENANCE_QUEUE, MaintenanceJobName } from '@/jobs/queues';
import { SessionSweepService } from '@/projects/sessions/session-sweep.service';
import { WebhooksService } from '@/webhooks/webhooks.service';
import { AccountPurgeWorkflow } from '@/workflows/account-purge/account-purge.workflow';

/** Consumes the `maintenance` queue: each job name goes to one workflow or service method. */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends WorkerHost {
  /** A record over every job name, so adding a name without its handler does not compile. */
  private readonly handlers: Record<MaintenanceJobName, () => Promise<unknown>>;

  constructor(
    accountPurge: AccountPurgeWorkflow,
    sessionSweep: SessionSweepService,
    webhooks: WebhooksService,
  ) {
    super();
    this.handlers = {
      'account-retention-purge': () => accountPurge.purgeExpiredAccounts(),
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
