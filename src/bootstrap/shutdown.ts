import { INestApplicationContext } from '@nestjs/common';
import { LocalServices } from '@/infra/local-services/local-services';

/**
 * On SIGINT/SIGTERM: stop taking requests, drain (Nest shutdown hooks close queues and
 * connections), then stop the services we started, so no write is lost and nothing is orphaned.
 * A second signal well after the first (not the copies a terminal and npm both deliver), or the
 * timeout, forces the exit. Started by `npm start` (an IPC channel to the launcher), the same
 * happens when the launcher dies, even by SIGKILL: the API never outlives it holding the ports.
 */
const DUPLICATE_SIGNAL_WINDOW_MS = 3_000;

export function stopGracefullyOnSignals(
  app: INestApplicationContext,
  local: LocalServices | undefined,
  timeoutMs: number,
): void {
  let stoppingSince: number | undefined;
  const stop = async (reason: string): Promise<void> => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_WINDOW_MS) return;
      process.stderr.write(`Again (${reason}): exiting now.\n`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    process.stdout.write(`\n${reason}: shutting down…\n`);
    const force = setTimeout(() => {
      process.stderr.write(`Shutdown took longer than ${timeoutMs} ms: forcing exit.\n`);
      process.exit(1);
    }, timeoutMs + 10_000);
    force.unref();
    let code = 0;
    try {
      await app.close();
    } catch (error) {
      process.stderr.write(`Error while closing the app: ${(error as Error).message}\n`);
      code = 1;
    }
    await local?.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, (received: NodeJS.Signals) => void stop(`${received} received`));
  }
  if (process.connected) process.once('disconnect', () => void stop('The launcher is gone'));
}
