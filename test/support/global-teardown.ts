import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const handle = globalThis.__PRD_FORGE_SERVICES__;
  if (!handle) return;
  await handle.services.stop();
  rmSync(handle.dataDir, { recursive: true, force: true });
}
