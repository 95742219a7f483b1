import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { Connection, Types } from 'mongoose';
import type { AppConfig } from '@/config/app-config';
import type { DocumentLockMode } from '@/config/database.config';
import { DocumentLocks } from './document-locks';

const ID = new Types.ObjectId();

/** DocumentLocks on a store that reports `buildInfo`, with a Redis that records the locks taken. */
function documentLocks(mode: DocumentLockMode, buildInfo: Record<string, unknown>) {
  const locked: string[] = [];
  const redis = {
    set: (key: string) => {
      locked.push(key);
      return Promise.resolve('OK');
    },
    eval: () => Promise.resolve(1),
  } as unknown as Redis;
  let asked = 0;
  const db = {
    admin: () => ({
      command: () => {
        asked++;
        return Promise.resolve(buildInfo);
      },
    }),
  };
  const connection = { asPromise: () => Promise.resolve({ db }) } as unknown as Connection;
  const config = { mongo: { documentLocks: mode, timeoutMs: 1_000 } } as AppConfig;
  const sut = new DocumentLocks(config, redis, connection);
  return { sut, locked, asked: () => asked };
}

describe('DocumentLocks', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('locks each update of a document on FerretDB, asking the server once', async () => {
    const { sut, locked, asked } = documentLocks('auto', { ferretdbVersion: 'v1.24.2' });

    await expect(sut.update('projects', ID, () => Promise.resolve('first'))).resolves.toBe('first');
    await sut.update('projects', ID, () => Promise.resolve('second'));

    const key = `lock:doc:projects:${ID.toHexString()}`;
    expect(locked).toEqual([key, key]);
    expect(asked()).toBe(1);
  });

  it('takes no lock on a server that applies updates atomically', async () => {
    const { sut, locked } = documentLocks('auto', { version: '7.0.14' });

    await expect(sut.update('projects', ID, () => Promise.resolve(1))).resolves.toBe(1);

    expect(locked).toEqual([]);
  });

  it('follows the setting when it is not auto', async () => {
    const on = documentLocks('on', { version: '7.0.14' });
    const off = documentLocks('off', { ferretdbVersion: 'v1.24.2' });

    await on.sut.update('chats', ID, () => Promise.resolve());
    await off.sut.update('chats', ID, () => Promise.resolve());

    expect([on.locked.length, on.asked(), off.locked.length, off.asked()]).toEqual([1, 0, 0, 0]);
  });

  it('refuses an update that does not name one document by its id', async () => {
    const { sut } = documentLocks('off', {});

    await expect(sut.update('chats', { $in: [ID] }, () => Promise.resolve())).rejects.toThrow(
      'must name its _id',
    );
  });
});
