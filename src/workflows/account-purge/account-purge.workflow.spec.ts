import { Logger } from '@nestjs/common';
import { AgentRecordsService } from '@/agents/agent-records.service';
import { ChatsService } from '@/chats/chats.service';
import { AppConfig } from '@/config/app-config';
import { ProjectsService } from '@/projects/projects.service';
import { SessionsService } from '@/projects/sessions/sessions.service';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { AgentTaskRecordsService } from '@/projects/tasks/agent-task-records.service';
import { VersionsService } from '@/projects/versions/versions.service';
import { UsersService } from '@/users/users.service';
import { WebhooksService } from '@/webhooks/webhooks.service';
import { newTestService } from '@test/support/new-test-service';
import { AccountPurgeWorkflow } from './account-purge.workflow';

const USER = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const NOW = new Date('2026-06-30T00:00:00Z');
const CUTOFF = '2026-05-31T00:00:00.000Z';

/** The workflow over automocked features; `deleted` is the users store's soft-deleted ids. */
function anAccountPurge(deleted: string[], failAt?: string) {
  const config = { maintenance: { accountRetentionDays: 30 } } as AppConfig;
  const { sut, mocks } = newTestService(AccountPurgeWorkflow, [[AppConfig, config]]);
  const calls: string[] = [];
  const step =
    <T>(name: string, result: T) =>
    (userId: string): Promise<T> => {
      calls.push(`${name}(${userId})`);
      return name === failAt
        ? Promise.reject(new Error(`${name} failed`))
        : Promise.resolve(result);
    };
  const users = mocks.get(UsersService);
  users.deletedBefore.mockImplementation((cutoff: Date, limit: number) => {
    calls.push(`deletedBefore(${cutoff.toISOString()})`);
    return Promise.resolve(deleted.slice(0, limit));
  });
  users.purgeOwner.mockImplementation((userId: string) => {
    calls.push(`users(${userId})`);
    deleted.splice(deleted.indexOf(userId), 1);
    return Promise.resolve(true);
  });
  mocks.get(SessionsService).purgeOwner.mockImplementation(step('sessions', 1));
  mocks.get(UploadsService).purgeOwner.mockImplementation(step('uploads', 2));
  mocks.get(VersionsService).purgeOwner.mockImplementation(step('versions', 3));
  mocks.get(AgentTaskRecordsService).purgeOwner.mockImplementation(step('tasks', 4));
  mocks.get(ProjectsService).purgeOwner.mockImplementation(step('projects', 1));
  mocks.get(AgentRecordsService).purgeOwner.mockImplementation(step('agents', { agentLogs: 9 }));
  mocks
    .get(WebhooksService)
    .purgeOwner.mockImplementation(step('webhooks', { endpoints: 1, deliveries: 3 }));
  mocks
    .get(ChatsService)
    .purgeOwner.mockImplementation(step('chats', { chats: 1, messages: 4, attachments: 2 }));
  return { workflow: sut, calls };
}

describe('AccountPurgeWorkflow', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it("calls every feature's purgeOwner, children first and the user document last", async () => {
    const { workflow, calls } = anAccountPurge([USER]);

    expect(await workflow.purgeExpiredAccounts(NOW)).toEqual({ purged: 1, cutoff: CUTOFF });

    expect(calls).toEqual([
      `deletedBefore(${CUTOFF})`,
      `sessions(${USER})`,
      `uploads(${USER})`,
      `versions(${USER})`,
      `tasks(${USER})`,
      `projects(${USER})`,
      `agents(${USER})`,
      `webhooks(${USER})`,
      `chats(${USER})`,
      `users(${USER})`,
      `deletedBefore(${CUTOFF})`,
    ]);
  });

  it('reports what each feature removed', async () => {
    const { workflow } = anAccountPurge([USER]);
    expect(await workflow.purgeAccount(USER)).toEqual({
      userId: USER,
      sessions: 1,
      uploads: 2,
      versions: 3,
      tasks: 4,
      projects: 1,
      agentLogs: 9,
      webhooks: 1,
      webhookDeliveries: 3,
      chats: 1,
    });
  });

  it('keeps the user document when a step fails, so the next run resumes the purge', async () => {
    const deleted = [USER];
    const { workflow, calls } = anAccountPurge(deleted, 'versions');

    await expect(workflow.purgeExpiredAccounts(NOW)).rejects.toThrow(/versions/);

    expect(deleted).toEqual([USER]);
    expect(calls.some((call) => call.startsWith('users('))).toBe(false);
  });

  it('does nothing when no account is past the retention', async () => {
    const { workflow, calls } = anAccountPurge([]);
    expect(await workflow.purgeExpiredAccounts(NOW)).toMatchObject({ purged: 0 });
    expect(calls).toHaveLength(1);
  });
});
