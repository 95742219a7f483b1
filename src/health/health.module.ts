import { Module } from '@nestjs/common';
import { DatabaseModule } from '@/infra/database/database.module';
import { JobsModule } from '@/jobs/jobs.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { OpsTokenGuard } from './ops-token.guard';

@Module({
  imports: [DatabaseModule, JobsModule],
  controllers: [HealthController, MetricsController],
  providers: [HealthService, OpsTokenGuard],
})
export class HealthModule {}
