import { DynamicModule, Module } from '@nestjs/common';
import { coreModules } from '@/bootstrap/core-modules';
import { AppConfig } from '@/config/app-config';
import { AgentsProcessorModule } from './processors/agents-processor.module';
import { MaintenanceProcessorModule } from './processors/maintenance-processor.module';
import { WebhooksProcessorModule } from './processors/webhooks-processor.module';

/** The BullMQ worker process: the same core modules as the API, no HTTP. Processors join here. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...coreModules(config),
        AgentsProcessorModule,
        MaintenanceProcessorModule,
        WebhooksProcessorModule,
      ],
    };
  }
}
