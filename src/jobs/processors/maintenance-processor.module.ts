import { Module } from '@nestjs/common';
import { MaintenanceModule } from '@/maintenance/maintenance.module';
import { JobsModule } from '../jobs.module';
import { MaintenanceProcessor } from './maintenance.processor';
import { MaintenanceScheduler } from './maintenance.scheduler';

/**
 * The maintenance queue's consumer and its schedule, imported where the agents' consumer is
 * (the worker entry; the API with RUN_WORKERS_IN_API), so the jobs run and are scheduled there.
 */
@Module({
  imports: [MaintenanceModule, JobsModule],
  providers: [MaintenanceProcessor, MaintenanceScheduler],
})
export class MaintenanceProcessorModule {}
