import { Module } from '@nestjs/common';
import { JobsModule } from '@/jobs/jobs.module';
import { ProjectsModule } from '@/projects/projects.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { AccountPurgeModule } from '@/workflows/account-purge/account-purge.module';
import { MaintenanceProcessor } from './maintenance.processor';
import { MaintenanceScheduler } from './maintenance.scheduler';

/**
 * The maintenance queue's consumer and its schedule, imported where the agents' consumer is
 * (the worker entry; the API with RUN_WORKERS_IN_API), so the jobs run and are scheduled there.
 */
@Module({
  imports: [AccountPurgeModule, ProjectsModule, WebhooksModule, JobsModule],
  providers: [MaintenanceProcessor, MaintenanceScheduler],
})
export class MaintenanceProcessorModule {}
