import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AGENTS_QUEUE } from '@/jobs/queues';
import { AgentTaskRecordsService } from '@/projects/tasks/agent-task-records.service';
import { AccountPurgeWorkflow } from '@/workflows/account-purge/account-purge.workflow';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { answersTo, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';

/**
 * generation-status answers for a task as long as its project exists, not only while the queue
 * still holds its job (finished jobs are dropped after a day, or past the last thousand).
 */
describe('Agent task records', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  afterAll(() => testApp.close());

  it("answers for a finished task after the queue dropped its job, to its owner only, until the account's purge", async () => {
    const owner = await aSignedInUser(testApp.http);
    const stranger = await aSignedInUser(testApp.http);
    const project = await aProject(owner.api);
    const other = await aProject(owner.api);
    const answers = answersTo(project.body.clarification_questions, (q) => `About ${q.lens}`);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    const taskId = accepted.body.task_id as string;
    const done = await waitForTask(owner.api, project.id, taskId);
    expect(done.status).toBe('completed');

    // What the queue's retention does to every finished job sooner or later.
    const queue = testApp.app.get<Queue>(getQueueToken(AGENTS_QUEUE));
    await queue.remove(taskId);
    expect(await queue.getJob(taskId)).toBeUndefined();

    const statusUrl = `/api/v1/projects/${project.id}/generation-status/${taskId}`;
    const later = await owner.api.get(statusUrl).expect(200);
    expect(later.body).toEqual(done);
    await stranger.api.get(statusUrl).expect(404);
    await owner.api.get(`/api/v1/projects/${other.id}/generation-status/${taskId}`).expect(404);

    const records = testApp.app.get(AgentTaskRecordsService);
    expect(await records.find(owner.id, project.id, taskId)).toMatchObject({ status: 'completed' });
    const purged = await testApp.app.get(AccountPurgeWorkflow).purgeAccount(owner.id);
    expect(purged.tasks).toBe(1);
    expect(await records.find(owner.id, project.id, taskId)).toBeNull();
  });
});
