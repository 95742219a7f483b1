import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { AgentsProcessor } from './agents.processor';

/**
 * The agents queue's consumer. The worker entry always imports it; the API imports it only with
 * RUN_WORKERS_IN_API (the embedded default and the tests), so jobs run in exactly one place.
 */
@Module({ imports: [AgentsModule], providers: [AgentsProcessor] })
export class AgentsProcessorModule {}
