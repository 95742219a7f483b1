import { relative } from 'node:path';
import { AppConfig } from '@/config/app-config';
import { LocalServices } from '@/infra/local-services/local-services';
import { Storage } from '@/storage/storage';

export function startupBanner(
  config: AppConfig,
  local: LocalServices | undefined,
  storage: Storage,
): string {
  const host =
    config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  const base = `http://${host}:${config.http.port}`;
  const show = (path: string): string => relative(process.cwd(), path) || '.';
  const lines = [
    '',
    `PRD Forge API ready (${config.env})`,
    `  API       ${base}/api/v1`,
    `  Docs      ${config.ops.swaggerEnabled ? `${base}/docs  (JSON: ${base}/docs-json)` : 'disabled'}`,
    `  Metrics   ${base}/metrics`,
    `  Health    ${base}/health/detailed`,
  ];
  const started = local?.started ?? [];
  if (started.length === 0) {
    lines.push('  Services  external (MONGODB_URI, REDIS_URL)');
  } else {
    started.forEach((service, index) =>
      lines.push(
        `  ${index === 0 ? 'Started  ' : '         '} ${service.name}: ${service.url}  data: ${show(service.dataDir)}`,
      ),
    );
  }
  const storagePlace = storage.driver === 'local' ? show(storage.location) : storage.location;
  lines.push(`  Storage   ${storage.driver}: ${storagePlace}`);
  lines.push(
    `  Workers   ${config.workers.runInApi ? 'in this process' : 'separate (npm run start:worker)'}`,
  );
  lines.push('  Stop      Ctrl-C (stops the services above too)', '');
  return lines.join('\n');
}
