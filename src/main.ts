import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { startupBanner } from './bootstrap/banner';
import { startEmbeddedServices } from './bootstrap/embedded-services';
import { loadConfigOrExit } from './bootstrap/load-config-or-exit';
import { stopGracefullyOnSignals } from './bootstrap/shutdown';
import { configureHttp } from '@/bootstrap/configure-http';
import { configureRealtime } from './realtime/redis-io.adapter';
import { Storage } from './storage/storage';

async function bootstrap(): Promise<void> {
  const { config, local } = await startEmbeddedServices(loadConfigOrExit());
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
      bufferLogs: true,
      bodyParser: false,
    });
    app.useLogger(app.get(Logger));
    configureHttp(app, config);
    configureRealtime(app, config);
    stopGracefullyOnSignals(app, local, config.shutdownTimeoutMs);
    await app.listen(config.http.port, config.http.host);
    // Nest flushes its buffered start-up logs after listen resolves: let them out first, so the
    // banner is the last thing on screen.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    process.stdout.write(`${startupBanner(config, local, app.get(Storage))}\n`);
  } catch (error) {
    await local?.stop();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`PRD Forge failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
