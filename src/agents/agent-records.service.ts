import { Injectable } from '@nestjs/common';
import { AgentLogsService } from '@/llm/agent-logs/agent-logs.service';
import { AgentCheckpointsRepository } from './checkpoints/agent-checkpoints.repository';
import { threadIdsOfTasks } from './checkpoints/run-threads';

/** What the agents keep about a user's runs: their checkpoints and their agent_logs. */
@Injectable()
export class AgentRecordsService {
  constructor(
    private readonly logs: AgentLogsService,
    private readonly checkpoints: AgentCheckpointsRepository,
  ) {}

  /**
   * Account purge: the checkpoints first, because the logs are how a run's threads are found
   * (a run's execution id is its task id); then the logs. Safe to repeat after a partial run.
   */
  async purgeOwner(userId: string): Promise<{ readonly agentLogs: number }> {
    const taskIds = await this.logs.executionIdsForOwner(userId);
    await this.checkpoints.deleteThreads(threadIdsOfTasks(taskIds));
    return { agentLogs: await this.logs.purgeOwner(userId) };
  }
}
