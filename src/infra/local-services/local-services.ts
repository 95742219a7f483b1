import { ensureFerretDb, FERRETDB_VERSION, startFerretDb } from './ferretdb';
import { ManagedProcess } from './managed-process';
import { pickPort } from './ports';
import { ensureRedisServer, startRedis } from './redis';

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
    if (options.startMongo) {
      const binary = await ensureFerretDb(log);
      const port = await pickPort(options.ephemeral ? 0 : 27018);
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
      const port = await pickPort(options.ephemeral ? 0 : 6380);
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
