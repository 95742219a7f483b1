import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SessionSweepService } from '@/projects/sessions/session-sweep.service';
import { ClarificationSession } from '@/projects/sessions/session.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';

describe('Maintenance: expired-session sweep (real app, real services)', () => {
  let testApp: TestApp;
  const sessions = (): Model<ClarificationSession> =>
    testApp.app.get<Model<ClarificationSession>>(getModelToken(ClarificationSession.name));
  const exists = async (sessionId: string): Promise<boolean> =>
    (await sessions().countDocuments({ session_id: sessionId }).exec()) === 1;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  afterAll(() => testApp.close());

  it('removes sessions past expires_at and keeps live ones', async () => {
    const owner = await aSignedInUser(testApp.http);
    const expired = await aProject(owner.api);
    const live = await aProject(owner.api);
    await sessions()
      .updateOne(
        { session_id: expired.sessionId },
        { $set: { expires_at: new Date(Date.now() - 60_000) } },
      )
      .exec();

    const sweep = testApp.app.get(SessionSweepService);
    expect(await sweep.sweepExpired()).toEqual({ removed: 1 });

    expect(await exists(expired.sessionId)).toBe(false);
    expect(await exists(live.sessionId)).toBe(true);
    expect(await sweep.sweepExpired()).toEqual({ removed: 0 });
  });
});
