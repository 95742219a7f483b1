import { DynamicModule, Module } from '@nestjs/common';
import { coreModules } from '@/bootstrap/core-modules';
import { AppConfig } from '@/config/app-config';
import { QueueConsumersModule } from './queue-consumers.module';
import { WorkerMetricsEndpoint } from './telemetry/worker-metrics-endpoint';

/**
 * The BullMQ worker process: the same core modules as the API, the queue consumers, and a small
 * metrics listener instead of the HTTP API.
 */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [...coreModules(config), QueueConsumersModule],
      providers: [WorkerMetricsEndpoint],
    };
  }
}
