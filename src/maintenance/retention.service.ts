import { Injectable, Logger } from '@nestjs/common';
import { AgentCheckpointsRepository } from '@/agents/checkpoints/agent-checkpoints.repository';
import { ChatsService } from '@/chats/chats.service';
import { threadIdsOfTasks } from '@/agents/checkpoints/run-threads';
import { AppConfig } from '@/config/app-config';
import { AgentLogsRepository } from '@/llm/agent-logs/agent-logs.repository';
import { userProjectsPrefix } from '@/projects/project-keys';
import { ProjectsRepository } from '@/projects/projects.repository';
import { SessionsRepository } from '@/projects/sessions/sessions.repository';
import { UploadsRepository } from '@/projects/uploads/uploads.repository';
import { VersionsRepository } from '@/projects/versions/versions.repository';
import { Storage } from '@/storage/storage';
import { UsersRepository } from '@/users/users.repository';
import { WebhooksService } from '@/webhooks/webhooks.service';

const DAY_MS = 86_400_000;
/** Accounts fetched per query; a run keeps going until none past the retention is left. */
const BATCH = 50;

export interface PurgedAccount {
  readonly userId: string;
  readonly projects: number;
  readonly sessions: number;
  readonly uploads: number;
  readonly versions: number;
  readonly agentLogs: number;
  readonly webhooks: number;
  readonly webhookDeliveries: number;
  readonly chats: number;
}

export interface RetentionRunSummary {
  readonly purged: number;
  readonly cutoff: string;
}

/**
 * Account retention purge: an account soft-deleted (DELETE /users/me) more than
 * ACCOUNT_RETENTION_DAYS ago goes for good, with everything it owns.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly projects: ProjectsRepository,
    private readonly sessions: SessionsRepository,
    private readonly uploads: UploadsRepository,
    private readonly versions: VersionsRepository,
    private readonly agentLogs: AgentLogsRepository,
    private readonly checkpoints: AgentCheckpointsRepository,
    private readonly storage: Storage,
    private readonly webhooks: WebhooksService,
    private readonly chats: ChatsService,
  ) {}

  async purgeExpiredAccounts(now = new Date()): Promise<RetentionRunSummary> {
    const cutoff = new Date(now.getTime() - this.config.maintenance.accountRetentionDays * DAY_MS);
    // An account whose user document survived its purge (it is deleted last) would come back
    // in every batch; seen ones are skipped so one run always ends.
    const seen = new Set<string>();
    for (;;) {
      const batch = (await this.users.findDeletedBefore(cutoff, BATCH + seen.size)).filter(
        (userId) => !seen.has(userId),
      );
      if (batch.length === 0) break;
      for (const userId of batch) {
        seen.add(userId);
        await this.purgeAccount(userId);
      }
    }
    return { purged: seen.size, cutoff: cutoff.toISOString() };
  }

  /**
   * Children first and the user document last, every step idempotent: while the user document
   * exists the account stays on the work list, so a run that crashed half-way is finished by the
   * next one. Checkpoints go before agent_logs because the logs are how a run's threads are found.
   */
  async purgeAccount(userId: string): Promise<PurgedAccount> {
    await this.storage.deletePrefix(userProjectsPrefix(this.config.env, userId));
    const taskIds = await this.agentLogs.executionIdsForOwner(userId);
    await this.checkpoints.deleteThreads(threadIdsOfTasks(taskIds));
    const sessions = await this.sessions.deleteAllForOwner(userId);
    const uploads = await this.uploads.deleteAllForOwner(userId);
    const versions = await this.versions.deleteAllForOwner(userId);
    const agentLogs = await this.agentLogs.deleteAllForOwner(userId);
    const hooks = await this.webhooks.purgeOwner(userId);
    const projects = await this.projects.deleteAllForOwner(userId);
    const { chats } = await this.chats.purgeOwner(userId);
    await this.users.purgeDeleted(userId);
    const purged = {
      userId,
      projects,
      sessions,
      uploads,
      versions,
      agentLogs,
      webhooks: hooks.endpoints,
      webhookDeliveries: hooks.deliveries,
      chats,
    };
    // Ids and counts only: the account's personal data is exactly what is being erased.
    this.logger.log({ event: 'account_purged', ...purged }, 'Purged a deleted account');
    return purged;
  }
}
