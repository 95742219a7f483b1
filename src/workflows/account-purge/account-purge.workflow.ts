import { Injectable, Logger } from '@nestjs/common';
import { AgentRecordsService } from '@/agents/agent-records.service';
import { ChatsService } from '@/chats/chats.service';
import { AppConfig } from '@/config/app-config';
import { ProjectsService } from '@/projects/projects.service';
import { SessionsService } from '@/projects/sessions/sessions.service';
import { AgentTaskRecordsService } from '@/projects/tasks/agent-task-records.service';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { VersionsService } from '@/projects/versions/versions.service';
import { UsersService } from '@/users/users.service';
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
  readonly tasks: number;
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
 * ACCOUNT_RETENTION_DAYS ago goes for good, with everything it owns. Each feature purges its own
 * data (`purgeOwner`); this decides the order. A new feature that keeps user data adds its call
 * here.
 */
@Injectable()
export class AccountPurgeWorkflow {
  private readonly logger = new Logger(AccountPurgeWorkflow.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly projects: ProjectsService,
    private readonly sessions: SessionsService,
    private readonly uploads: UploadsService,
    private readonly versions: VersionsService,
    private readonly tasks: AgentTaskRecordsService,
    private readonly agents: AgentRecordsService,
    private readonly webhooks: WebhooksService,
    private readonly chats: ChatsService,
  ) {}

  async purgeExpiredAccounts(now = new Date()): Promise<RetentionRunSummary> {
    const cutoff = new Date(now.getTime() - this.config.maintenance.accountRetentionDays * DAY_MS);
    // An account whose user document survived its purge (it is deleted last) would come back
    // in every batch; seen ones are skipped so one run always ends.
    const seen = new Set<string>();
    for (;;) {
      const batch = (await this.users.deletedBefore(cutoff, BATCH + seen.size)).filter(
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
   * next one.
   */
  async purgeAccount(userId: string): Promise<PurgedAccount> {
    const sessions = await this.sessions.purgeOwner(userId);
    const uploads = await this.uploads.purgeOwner(userId);
    const versions = await this.versions.purgeOwner(userId);
    const tasks = await this.tasks.purgeOwner(userId);
    const projects = await this.projects.purgeOwner(userId);
    const { agentLogs } = await this.agents.purgeOwner(userId);
    const hooks = await this.webhooks.purgeOwner(userId);
    const { chats } = await this.chats.purgeOwner(userId);
    await this.users.purgeOwner(userId);
    const purged = {
      userId,
      projects,
      sessions,
      uploads,
      versions,
      tasks,
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
