import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobsModule } from '@/jobs/jobs.module';
import { AgentsProcessorModule } from './processors/agents-processor.module';
import { MaintenanceProcessorModule } from './processors/maintenance-processor.module';
import { WebhooksProcessorModule } from './processors/webhooks-processor.module';
import { ConsumerHeartbeat } from './telemetry/consumer-heartbeat';
import { JobMetrics } from './telemetry/job-metrics';

/**
 * Every queue's consumer, with what a consuming process reports: job metrics and the heartbeat.
 * The worker entry always imports it; the API only with RUN_WORKERS_IN_API (the embedded
 * default and the tests), so jobs run in exactly one kind of process.
 */
@Module({
  imports: [
    DiscoveryModule,
    JobsModule,
    AgentsProcessorModule,
    MaintenanceProcessorModule,
    WebhooksProcessorModule,
  ],
  providers: [JobMetrics, ConsumerHeartbeat],
})
export class QueueConsumersModule {}
