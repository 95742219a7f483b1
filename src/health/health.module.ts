import { Module } from '@nestjs/common';
import { DatabaseModule } from '@/infra/database/database.module';
import { JobsModule } from '@/jobs/jobs.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { OpsTokenGuard } from './ops-token.guard';
import { QueueMetrics } from './queue-metrics';
import { QueueWatch } from './queue-watch';

@Module({
  imports: [DatabaseModule, JobsModule],
  controllers: [HealthController, MetricsController],
  providers: [HealthService, OpsTokenGuard, QueueWatch, QueueMetrics],
})
export class HealthModule {}
