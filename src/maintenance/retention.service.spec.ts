import { Logger } from '@nestjs/common';
import { AgentCheckpointsRepository } from '@/agents/checkpoints/agent-checkpoints.repository';
import { ChatsService } from '@/chats/chats.service';
import { AppConfig } from '@/config/app-config';
import { AgentLogsRepository } from '@/llm/agent-logs/agent-logs.repository';
import { ProjectsRepository } from '@/projects/projects.repository';
import { SessionsRepository } from '@/projects/sessions/sessions.repository';
import { UploadsRepository } from '@/projects/uploads/uploads.repository';
import { VersionsRepository } from '@/projects/versions/versions.repository';
import { Storage } from '@/storage/storage';
import { UsersRepository } from '@/users/users.repository';
import { WebhooksService } from '@/webhooks/webhooks.service';
import { RetentionService } from './retention.service';

const USER = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const NOW = new Date('2026-06-30T00:00:00Z');

/** RetentionService over recording stand-ins; `deleted` is the users store's soft-deleted ids. */
function aRetentionService(deleted: string[], failAt?: string) {
  const calls: string[] = [];
  const step =
    <T>(name: string, result: T) =>
    (...args: unknown[]): Promise<T> => {
      calls.push(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
      return name === failAt
        ? Promise.reject(new Error(`${name} failed`))
        : Promise.resolve(result);
    };
  const users = {
    findDeletedBefore: (cutoff: Date, limit: number) => {
      calls.push(`findDeletedBefore(${cutoff.toISOString()})`);
      return Promise.resolve(deleted.slice(0, limit));
    },
    purgeDeleted: (userId: string) => {
      calls.push(`users.purgeDeleted("${userId}")`);
      deleted.splice(deleted.indexOf(userId), 1);
      return Promise.resolve(true);
    },
  };
  const owned = (name: string) => ({ deleteAllForOwner: step(`${name}.deleteAllForOwner`, 1) });
  const service = new RetentionService(
    { env: 'test', maintenance: { accountRetentionDays: 30 } } as AppConfig,
    users as unknown as UsersRepository,
    owned('projects') as unknown as ProjectsRepository,
    owned('sessions') as unknown as SessionsRepository,
    owned('uploads') as unknown as UploadsRepository,
    owned('versions') as unknown as VersionsRepository,
    {
      executionIdsForOwner: step('agentLogs.executionIdsForOwner', ['t1']),
      deleteAllForOwner: step('agentLogs.deleteAllForOwner', 2),
    } as unknown as AgentLogsRepository,
    {
      deleteThreads: step('checkpoints.deleteThreads', undefined),
    } as unknown as AgentCheckpointsRepository,
    { deletePrefix: step('storage.deletePrefix', undefined) } as unknown as Storage,
    {
      purgeOwner: step('webhooks.purgeOwner', { endpoints: 1, deliveries: 3 }),
    } as unknown as WebhooksService,
    { purgeOwner: step('chats.purgeOwner', { chats: 1 }) } as unknown as ChatsService,
  );
  return { service, calls };
}

describe('RetentionService', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('deletes objects and children first, checkpoints before the logs, the user last', async () => {
    const { service, calls } = aRetentionService([USER]);

    expect(await service.purgeExpiredAccounts(NOW)).toEqual({
      purged: 1,
      cutoff: '2026-05-31T00:00:00.000Z',
    });

    expect(calls).toEqual([
      'findDeletedBefore(2026-05-31T00:00:00.000Z)',
      `storage.deletePrefix("test/projects/${USER}/")`,
      `agentLogs.executionIdsForOwner("${USER}")`,
      'checkpoints.deleteThreads(["generate:t1","iterate:t1"])',
      `sessions.deleteAllForOwner("${USER}")`,
      `uploads.deleteAllForOwner("${USER}")`,
      `versions.deleteAllForOwner("${USER}")`,
      `agentLogs.deleteAllForOwner("${USER}")`,
      `webhooks.purgeOwner("${USER}")`,
      `projects.deleteAllForOwner("${USER}")`,
      `chats.purgeOwner("${USER}")`,
      `users.purgeDeleted("${USER}")`,
      'findDeletedBefore(2026-05-31T00:00:00.000Z)',
    ]);
  });

  it('keeps the user document when a step fails, so the next run resumes the purge', async () => {
    const deleted = [USER];
    const { service, calls } = aRetentionService(deleted, 'versions.deleteAllForOwner');

    await expect(service.purgeExpiredAccounts(NOW)).rejects.toThrow(/versions/);

    expect(deleted).toEqual([USER]);
    expect(calls.some((call) => call.startsWith('users.purgeDeleted'))).toBe(false);
  });

  it('does nothing when no account is past the retention', async () => {
    const { service, calls } = aRetentionService([]);
    expect(await service.purgeExpiredAccounts(NOW)).toMatchObject({ purged: 0 });
    expect(calls).toHaveLength(1);
  });
});
