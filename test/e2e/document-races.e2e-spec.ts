import { Injectable } from '@nestjs/common';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { Model, Schema, Types } from 'mongoose';
import { ConfigModule } from '@/config/config.module';
import { DatabaseModule } from '@/infra/database/database.module';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { RedisModule } from '@/infra/redis/redis.module';
import { ProjectsRepository } from '@/projects/projects.repository';
import { UsersRepository } from '@/users/users.repository';
import { WebhookSecrets } from '@/webhooks/signing/webhook-secrets';
import { WebhookEndpointsRepository } from '@/webhooks/webhook-endpoints.repository';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';

const WRITERS = 50;
// A race that loses a write does not lose it every time: each scenario runs a few rounds.
const ROUNDS = 3;

/** A loose document of its owner: any field a test names. */
interface Probe {
  _id: Types.ObjectId;
  user_id: Types.ObjectId;
  count: number;
  [field: string]: unknown;
}

const ProbeSchema = new Schema<Probe>(
  { user_id: { type: Schema.Types.ObjectId, required: true }, count: { type: Number, default: 0 } },
  { strict: false, collection: 'race_probes' },
);

/** The repository base as every repository uses it, on a collection of its own. */
@Injectable()
class ProbesRepository extends OwnedRepository<Probe> {
  constructor(@InjectModel('RaceProbe') model: Model<Probe>) {
    super(model, '_id');
  }

  async create(userId: string): Promise<string> {
    return (await this.insert(userId, undefined, {}))._id.toHexString();
  }

  async setField(userId: string, id: string, field: string, value: number): Promise<void> {
    await this.updateOne(this.owner(userId, id)!, {}, { $set: { [field]: value } });
  }

  async increment(userId: string, id: string): Promise<void> {
    await this.updateOne(this.owner(userId, id)!, {}, { $inc: { count: 1 } });
  }

  read(userId: string, id: string): Promise<Probe | null> {
    return this.findOne(this.owner(userId, id)!).lean<Probe>().exec();
  }
}

/**
 * Runs `work` (requests a user makes) while a few background writers call `write` again and
 * again until it is done, as a worker would: the writes surely overlap the user's.
 */
async function whileRunning<R>(
  work: () => Promise<R>,
  write: (i: number) => Promise<unknown>,
): Promise<{ result: R; writes: number }> {
  let done = false;
  let writes = 0;
  const writer = async (): Promise<void> => {
    while (!done) await write(writes++);
  };
  const writers = Array.from({ length: 16 }, writer);
  try {
    const result = await work();
    done = true;
    await Promise.all(writers);
    return { result, writes };
  } finally {
    done = true;
  }
}

/**
 * The embedded store applies an update as read, modify, write without isolation, so two writers
 * of one document could undo each other's fields. Every case here races many writers on one
 * document and checks that every write survived. No timing: only the end state counts.
 */
describe('Concurrent updates of one document all survive', () => {
  let testApp: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  beforeEach(async () => {
    user = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  describe('through the repository base', () => {
    let module: TestingModule;
    let probes: ProbesRepository;

    beforeAll(async () => {
      module = await Test.createTestingModule({
        imports: [
          ConfigModule.forRoot(testApp.config),
          DatabaseModule,
          RedisModule,
          MongooseModule.forFeature([{ name: 'RaceProbe', schema: ProbeSchema }]),
        ],
        providers: [ProbesRepository],
      }).compile();
      await module.init();
      probes = module.get(ProbesRepository);
    });
    afterAll(() => module.close());

    it(`keeps ${WRITERS} concurrent $set of different fields`, async () => {
      const id = await probes.create(user.id);

      await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => probes.setField(user.id, id, `f_${i}`, i)),
      );

      const probe = await probes.read(user.id, id);
      const kept = Array.from({ length: WRITERS }, (_, i) => probe?.[`f_${i}`]);
      expect(kept).toEqual(Array.from({ length: WRITERS }, (_, i) => i));
    });

    it(`counts ${WRITERS} concurrent $inc`, async () => {
      const id = await probes.create(user.id);

      await Promise.all(Array.from({ length: WRITERS }, () => probes.increment(user.id, id)));

      expect((await probes.read(user.id, id))?.count).toBe(WRITERS);
    });
  });

  it(`hands out ${WRITERS} different version numbers to ${WRITERS} concurrent allocations`, async () => {
    const project = await aProject(user.api);
    const projects = testApp.app.get(ProjectsRepository);

    const numbers = await Promise.all(
      Array.from({ length: WRITERS }, () => projects.allocateVersionSeq(user.id, project.id)),
    );

    expect(new Set(numbers).size).toBe(WRITERS);
    const after = await projects.findOwned(user.id, project.id);
    expect(after?.next_version_seq).toBe(Math.min(...(numbers as number[])) + WRITERS);
  });

  it('keeps webhook edits and secret rotations made while deliveries record their results', async () => {
    const endpoints = testApp.app.get(WebhookEndpointsRepository);
    const at = (i: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, i));

    for (let round = 1; round <= ROUNDS; round++) {
      const created = await user.api
        .post('/api/v1/webhooks')
        .send({ url: 'https://93.184.215.14/before', events: ['project.created'] })
        .expect(201);
      const webhookId = created.body.id as string;

      // What the delivery worker writes after each attempt, from many deliveries at once.
      const { result, writes } = await whileRunning(
        () =>
          Promise.all([
            user.api
              .patch(`/api/v1/webhooks/${webhookId}`)
              .send({ url: `https://93.184.215.14/after-${round}`, description: `edit ${round}` }),
            user.api.post(`/api/v1/webhooks/${webhookId}/rotate-secret`),
          ]),
        (i) =>
          i % 2 === 0
            ? endpoints.recordSuccess(user.id, webhookId, at(i))
            : endpoints.recordFailure(user.id, webhookId, at(i)),
      );
      const [patched, rotated] = result;
      expect(patched.status).toBe(200);
      expect(rotated.status).toBe(200);

      const endpoint = await endpoints.findOwned(user.id, webhookId);
      expect(endpoint).toMatchObject({
        url: `https://93.184.215.14/after-${round}`,
        description: `edit ${round}`,
      });
      const signing = testApp.app.get(WebhookSecrets).signingSecrets(endpoint!, new Date());
      expect(signing).toEqual([rotated.body.secret, created.body.secret]);
      const times = Array.from({ length: writes }, (_, i) => at(i).getTime());
      expect(times).toContain(endpoint?.last_success_at?.getTime());
      expect(times).toContain(endpoint?.last_failure_at?.getTime());
    }
  });

  it('keeps profile changes made while logins record themselves', async () => {
    const users = testApp.app.get(UsersRepository);
    const loggedInAt = (i: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, i));

    for (let round = 1; round <= ROUNDS; round++) {
      const profile = {
        full_name: `Grace Hopper ${round}`,
        avatar_url: `https://cdn.example.com/${round}.png`,
      };
      const { result: changed, writes } = await whileRunning(
        () => user.api.put('/api/v1/users/me').send(profile),
        (i) => users.recordLogin(user.id, loggedInAt(i)),
      );
      expect(changed.status).toBe(200);

      const stored = await users.findActiveById(user.id);
      expect(stored).toMatchObject(profile);
      const times = Array.from({ length: writes }, (_, i) => loggedInAt(i).getTime());
      expect(times).toContain(stored?.last_login?.getTime());
    }
  });
});
