import { Module } from '@nestjs/common';
import { AgentRunsModule } from '@/workflows/agent-runs/agent-runs.module';
import { AgentsProcessor } from './agents.processor';

/**
 * The agents queue's consumer. The worker entry always imports it; the API imports it only with
 * RUN_WORKERS_IN_API (the embedded default and the tests), so jobs run in exactly one place.
 */
@Module({ imports: [AgentRunsModule], providers: [AgentsProcessor] })
export class AgentsProcessorModule {}
