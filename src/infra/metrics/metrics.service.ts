import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '@/config/app-config';
import { readBuildInfo } from './build-info';

/**
 * The Prometheus registry. One per app instance (not prom-client's global), so several apps in
 * one process, as in the e2e suite, never collide. Feature modules register their own metrics here.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(config: AppConfig) {
    collectDefaultMetrics({ register: this.registry });
    const build = readBuildInfo(config.ops.buildCommit);
    new Gauge({
      name: 'prd_forge_build_info',
      help: 'Always 1: the running version, the commit it was built from (or unknown) and Node',
      labelNames: ['version', 'commit', 'node_version'] as const,
      registers: [this.registry],
    }).set({ version: build.version, commit: build.commit, node_version: build.nodeVersion }, 1);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
