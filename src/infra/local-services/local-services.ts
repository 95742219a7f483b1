import { basename } from 'node:path';
import { ensureFerretDb, FERRETDB_VERSION, ferretDbPidFile, startFerretDb } from './ferretdb';
import { ManagedProcess, stopStale } from './managed-process';
import { pickPort } from './ports';
import { ensureRedisServer, redisPidFile, startRedis } from './redis';

/** Where the embedded services listen unless told otherwise (beside the usual 27017 and 6379). */
export const DEFAULT_PORTS = { mongo: 27018, redis: 6380 } as const;

export interface StartedService {
  readonly name: string;
  readonly url: string;
  readonly dataDir: string;
}

export interface LocalServices {
  readonly mongoUri: string | undefined;
  readonly redisUrl: string | undefined;
  readonly started: readonly StartedService[];
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  readonly dataDir: string;
  readonly startMongo: boolean;
  readonly startRedis: boolean;
  /** Tests: kernel-chosen ports and no persistence. */
  readonly ephemeral: boolean;
  /** Preferred ports when not ephemeral (a port something else holds falls back to a free one). */
  readonly ports?: { readonly mongo: number; readonly redis: number };
  readonly databaseName?: string;
  readonly log?: (line: string) => void;
}

/**
 * The embedded default: a real MongoDB-wire server (FerretDB on SQLite) and a real Redis,
 * installed on first use and owned by this process. Stops in reverse order of start.
 */
export async function startLocalServices(options: LocalServicesOptions): Promise<LocalServices> {
  const log = options.log ?? (() => undefined);
  const processes: ManagedProcess[] = [];
  const started: StartedService[] = [];
  const stop = async (): Promise<void> => {
    for (const managed of processes.reverse()) await managed.stop();
  };
  let mongoUri: string | undefined;
  let redisUrl: string | undefined;
  try {
    const ports = options.ports ?? DEFAULT_PORTS;
    if (options.startMongo) {
      const binary = await ensureFerretDb(log);
      // Leftovers of an API killed hard still hold the usual port: stop them before choosing.
      await stopStale(ferretDbPidFile(options.dataDir), basename(binary));
      const port = await pickPort(options.ephemeral ? 0 : ports.mongo);
      processes.push(await startFerretDb(binary, port, options.dataDir));
      mongoUri = `mongodb://127.0.0.1:${port}/${options.databaseName ?? 'prd_forge'}`;
      started.push({
        name: `FerretDB ${FERRETDB_VERSION} (SQLite)`,
        url: mongoUri,
        dataDir: `${options.dataDir}/ferretdb`,
      });
    }
    if (options.startRedis) {
      const binary = await ensureRedisServer(log);
      await stopStale(redisPidFile(options.dataDir), basename(binary));
      const port = await pickPort(options.ephemeral ? 0 : ports.redis);
      processes.push(await startRedis(binary, port, options.dataDir, !options.ephemeral));
      redisUrl = `redis://127.0.0.1:${port}`;
      started.push({ name: 'Redis', url: redisUrl, dataDir: `${options.dataDir}/redis` });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { mongoUri, redisUrl, started, stop };
}
