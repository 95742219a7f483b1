import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '@/infra/database/database.module';
import { JobsModule } from '@/jobs/jobs.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { OpsTokenGuard } from './ops-token.guard';

@Global()
@Module({
  imports: [DatabaseModule, JobsModule],
  controllers: [HealthController, MetricsController],
  providers: [HealthService, MetricsService, OpsTokenGuard],
  exports: [MetricsService],
})
export class HealthModule {}
