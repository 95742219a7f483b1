import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentLog, AgentLogSchema } from './agent-log.schema';
import { AgentLogsRepository } from './agent-logs.repository';
import { AgentLogsService } from './agent-logs.service';

/** agent_logs: the record of every graph run and node (seed 000). */
@Module({
  imports: [MongooseModule.forFeature([{ name: AgentLog.name, schema: AgentLogSchema }])],
  providers: [AgentLogsRepository, AgentLogsService],
  // The repository for the maintenance queue's retention purge.
  exports: [AgentLogsService, AgentLogsRepository],
})
export class AgentLogsModule {}
