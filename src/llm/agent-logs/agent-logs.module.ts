import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentLog, AgentLogSchema } from './agent-log.schema';
import { AgentLogsRepository } from './agent-logs.repository';
import { AgentLogsService } from './agent-logs.service';
import { AgentMetrics } from './agent-metrics';

/** agent_logs: the record of every graph run and node. */
@Module({
  imports: [MongooseModule.forFeature([{ name: AgentLog.name, schema: AgentLogSchema }])],
  providers: [AgentLogsRepository, AgentLogsService, AgentMetrics],
  exports: [AgentLogsService],
})
export class AgentLogsModule {}
