import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@/bootstrap/load-config-or-exit';
import { stopGracefullyOnSignals } from '@/bootstrap/shutdown';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.mongo.uri || !config.redis.url) {
    process.stderr.write(
      'The worker joins an existing deployment: set MONGODB_URI and REDIS_URL.\n' +
        'In the embedded default (npm start) the API runs the workers in-process.\n',
    );
    process.exit(78);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  stopGracefullyOnSignals(app, undefined, config.shutdownTimeoutMs);
  app.get(Logger).log('PRD Forge worker started');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `PRD Forge worker failed to start: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exit(1);
});
