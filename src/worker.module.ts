import { DynamicModule, Module } from '@nestjs/common';
import { coreModules } from './app.module';
import { AppConfig } from './config/app-config';
import { AgentsProcessorModule } from './jobs/processors/agents-processor.module';
import { MaintenanceProcessorModule } from './jobs/processors/maintenance-processor.module';
import { WebhooksProcessorModule } from './jobs/processors/webhooks-processor.module';

/** The BullMQ worker process: the same infrastructure as the API, no HTTP. Processors join here. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...(coreModules(config) ?? []),
        AgentsProcessorModule,
        MaintenanceProcessorModule,
        WebhooksProcessorModule,
      ],
    };
  }
}
