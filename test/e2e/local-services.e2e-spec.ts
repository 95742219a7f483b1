import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { LocalServices, startLocalServices } from '@/infra/local-services/local-services';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Embedded services (FerretDB + Redis launchers)', () => {
  let dataDir: string;
  let services: LocalServices | undefined;

  const startPersistent = (): Promise<LocalServices> =>
    startLocalServices({
      dataDir,
      startMongo: true,
      startRedis: true,
      ephemeral: false,
      databaseName: 'launcher',
    });
  const servicePids = (): number[] =>
    ['ferretdb', 'redis'].map((name) => Number(readFileSync(join(dataDir, `${name}.pid`), 'utf8')));

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'prd-forge-launcher-'));
  });
  afterAll(async () => {
    await services?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts real servers, keeps Redis writes across a restart, and leaves no process behind', async () => {
    services = await startPersistent();
    const pids = servicePids();
    pids.forEach((pid) => expect(isAlive(pid)).toBe(true));

    const mongo = await MongoClient.connect(services.mongoUri!);
    await mongo.db().collection('probe').insertOne({ kept: true });
    await mongo.close();
    const redis = new Redis(services.redisUrl!);
    await redis.set('probe', 'kept');
    await redis.quit();

    await services.stop();
    services = undefined;
    pids.forEach((pid) => expect(isAlive(pid)).toBe(false));
    expect(existsSync(join(dataDir, 'ferretdb.pid'))).toBe(false);

    services = await startPersistent();
    const again = await MongoClient.connect(services.mongoUri!);
    expect(
      await again
        .db()
        .collection('probe')
        .findOne({}, { projection: { _id: 0 } }),
    ).toEqual({ kept: true });
    await again.close();
    const redisAgain = new Redis(services.redisUrl!);
    expect(await redisAgain.get('probe')).toBe('kept');
    await redisAgain.quit();
  });

  it('stops services left behind by an API that was killed hard before starting new ones', async () => {
    const stale = services!;
    const stalePids = servicePids();
    services = await startPersistent();
    stalePids.forEach((pid) => expect(isAlive(pid)).toBe(false));
    await stale.stop();
    const fresh = servicePids();
    fresh.forEach((pid) => expect(isAlive(pid)).toBe(true));
  });
});
