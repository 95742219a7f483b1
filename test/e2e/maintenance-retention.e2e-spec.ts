import { getQueueToken } from '@nestjs/bullmq';
import { getModelToken } from '@nestjs/mongoose';
import type { Queue } from 'bullmq';
import { Model, Types } from 'mongoose';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AgentCheckpoint } from '@/agents/checkpoints/agent-checkpoint.schema';
import { ChatAttachment } from '@/chats/attachments/chat-attachment.schema';
import { Chat } from '@/chats/chat.schema';
import { Message } from '@/chats/messages/message.schema';
import { MAINTENANCE_QUEUE } from '@/jobs/queues';
import { AgentLog } from '@/llm/agent-logs/agent-log.schema';
import { AccountPurgeWorkflow } from '@/workflows/account-purge/account-purge.workflow';
import { Project } from '@/projects/project.schema';
import { ClarificationSession } from '@/projects/sessions/session.schema';
import { Upload } from '@/projects/uploads/upload.schema';
import { ProjectVersion } from '@/projects/versions/project-version.schema';
import { User } from '@/users/user.schema';
import { WebhookDelivery } from '@/webhooks/webhook-delivery.schema';
import { WebhookEndpoint } from '@/webhooks/webhook-endpoint.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { eventually } from '@test/support/eventually';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject } from '@test/support/factories/agents';
import { aChat, postMessage } from '@test/support/factories/chats';
import { PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { aMarkdown } from '@test/support/fixtures/documents';

const DAY_MS = 86_400_000;

interface Account {
  readonly user: SignedInUser;
  readonly projectId: string;
  readonly chatId: string;
}

describe('Maintenance: account retention purge (real app, real services, local storage)', () => {
  let testApp: TestApp;
  const model = <T>(name: string): Model<T> => testApp.app.get<Model<T>>(getModelToken(name));
  const ownerFilter = (userId: string) => ({ user_id: new Types.ObjectId(userId) });
  const objectsDir = (userId: string): string =>
    join(testApp.config.storage.localDir, 'test', 'projects', userId);
  const chatDir = (chatId: string): string =>
    join(testApp.config.storage.localDir, 'test', 'chats', chatId);
  const purge = () => testApp.app.get(AccountPurgeWorkflow).purgeExpiredAccounts();

  /**
   * A user with a generated project (agent logs, a version), an upload, a webhook and a manual
   * save (a delivery to that webhook, which refuses connections and so stays in its retries), and
   * a chat with a message carrying an attachment (and its reply).
   */
  const anAccountWithData = async (): Promise<Account> => {
    const user = await aSignedInUser(testApp.http);
    const project = await aGeneratedProject(user.api);
    await user.api
      .post(`/api/v1/projects/${project.id}/uploads`)
      .attach('files', aMarkdown(), 'notes.md')
      .expect(201);
    await user.api
      .post('/api/v1/webhooks')
      .send({ url: 'http://127.0.0.1:9/discard', events: ['version.created'] })
      .expect(201);
    await saveVersion(user.api, project.id, { changes: 'Manual edit' }).expect(201);
    // What a crashed run would leave behind: a checkpoint on the thread of one of its runs.
    const [log] = await model<AgentLog>(AgentLog.name).find(ownerFilter(user.id)).lean().exec();
    await model<AgentCheckpoint>(AgentCheckpoint.name).create({
      thread_id: `generate:${log.execution_id}`,
      checkpoint_id: '1',
      checkpoint_type: 'json',
      checkpoint: 'e30=',
      metadata_type: 'json',
      metadata: 'e30=',
      created_at: new Date(),
    });
    const chatId = await aChat(user.api);
    await postMessage(user.api, chatId, 'I want to build an app for dog walkers.', [
      { name: 'walks.md', content: aMarkdown() },
    ]).expect(201);
    return { user, projectId: project.id, chatId };
  };

  /** Soft-deletes through the API, then moves deleted_at back by `daysAgo`. */
  const deleteAccount = async (account: Account, daysAgo: number): Promise<void> => {
    await account.user.api.delete('/api/v1/users/me').expect(200);
    await model<User>(User.name)
      .updateOne(
        { _id: new Types.ObjectId(account.user.id) },
        { $set: { deleted_at: new Date(Date.now() - daysAgo * DAY_MS) } },
      )
      .exec();
  };

  const documentsOf = async (userId: string): Promise<Record<string, number>> => {
    const filter = ownerFilter(userId);
    const count = <T>(name: string) => model<T>(name).countDocuments(filter).exec();
    const executionIds = (
      await model<AgentLog>(AgentLog.name).find(filter).select({ execution_id: 1 }).lean().exec()
    ).map((log) => `generate:${log.execution_id}`);
    return {
      users: await model<User>(User.name).countDocuments({ _id: filter.user_id }).exec(),
      projects: await count<Project>(Project.name),
      sessions: await count<ClarificationSession>(ClarificationSession.name),
      uploads: await count<Upload>(Upload.name),
      versions: await count<ProjectVersion>(ProjectVersion.name),
      webhooks: await count<WebhookEndpoint>(WebhookEndpoint.name),
      webhookDeliveries: await count<WebhookDelivery>(WebhookDelivery.name),
      agentLogs: executionIds.length,
      checkpoints: await model<AgentCheckpoint>(AgentCheckpoint.name)
        .countDocuments({ thread_id: { $in: executionIds } })
        .exec(),
      chats: await count<Chat>(Chat.name),
      messages: await count<Message>(Message.name),
      chatAttachments: await count<ChatAttachment>(ChatAttachment.name),
    };
  };

  beforeAll(async () => {
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      RATE_LIMIT_UPLOADS_PER_HOUR: '1000',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    });
  });
  afterAll(() => testApp.close());

  it('purges an account deleted past the retention with all its data, and nothing else', async () => {
    const gone = await anAccountWithData();
    const kept = await anAccountWithData();
    const recentlyDeleted = await anAccountWithData();
    const before = await documentsOf(kept.user.id);
    expect(before).toEqual({
      users: 1,
      projects: 1,
      sessions: 1,
      uploads: 1,
      versions: 2,
      webhooks: 1,
      webhookDeliveries: 1,
      agentLogs: expect.any(Number),
      checkpoints: 1,
      chats: 1,
      messages: 2,
      chatAttachments: 1,
    });
    expect(before.agentLogs).toBeGreaterThan(0);
    expect(await documentsOf(gone.user.id)).toEqual({ ...before, agentLogs: expect.any(Number) });
    expect(existsSync(objectsDir(gone.user.id))).toBe(true);
    expect(existsSync(chatDir(gone.chatId))).toBe(true);
    await deleteAccount(gone, 31);
    await deleteAccount(recentlyDeleted, 29);

    expect(await purge()).toMatchObject({ purged: 1 });

    expect(await documentsOf(gone.user.id)).toEqual({
      users: 0,
      projects: 0,
      sessions: 0,
      uploads: 0,
      versions: 0,
      webhooks: 0,
      webhookDeliveries: 0,
      agentLogs: 0,
      checkpoints: 0,
      chats: 0,
      messages: 0,
      chatAttachments: 0,
    });
    expect(existsSync(objectsDir(gone.user.id))).toBe(false);
    expect(existsSync(chatDir(gone.chatId))).toBe(false);
    await kept.user.api.get(`/api/v1/projects/${gone.projectId}`).expect(404);

    expect(await documentsOf(kept.user.id)).toEqual(before);
    expect(existsSync(objectsDir(kept.user.id))).toBe(true);
    expect(existsSync(chatDir(kept.chatId))).toBe(true);
    await kept.user.api.get(`/api/v1/projects/${kept.projectId}`).expect(200);
    await kept.user.api.get(`/api/v1/chats/${kept.chatId}/messages`).expect(200);
    await kept.user.api.get(`/api/v1/projects/${kept.projectId}/versions`).expect(200);

    // Within the retention: still there, objects included (a restore would need them).
    expect(await documentsOf(recentlyDeleted.user.id)).toEqual({
      ...before,
      agentLogs: expect.any(Number),
    });
    expect(existsSync(objectsDir(recentlyDeleted.user.id))).toBe(true);

    expect(await purge()).toMatchObject({ purged: 0 });
    expect(await documentsOf(kept.user.id)).toEqual(before);
  });

  it('runs through the maintenance queue and its processor', async () => {
    const gone = await anAccountWithData();
    await deleteAccount(gone, 31);
    const queue = testApp.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));

    const job = await queue.add('account-retention-purge', {});
    const state = await eventually('the purge job to finish', async () => {
      const now = await queue.getJobState(job.id!);
      return now === 'completed' || now === 'failed' ? now : undefined;
    });

    expect(state).toBe('completed');
    expect((await queue.getJob(job.id!))?.returnvalue).toMatchObject({ purged: 1 });
    expect((await documentsOf(gone.user.id)).users).toBe(0);
    expect(existsSync(objectsDir(gone.user.id))).toBe(false);
  });

  it('has every maintenance job on a schedule, once each', async () => {
    const queue = testApp.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual([
      'account-retention-purge',
      'expired-session-sweep',
      'webhook-delivery-prune',
    ]);
    expect(schedulers.every((scheduler) => scheduler.every === 60 * 60_000)).toBe(true);
  });
});
