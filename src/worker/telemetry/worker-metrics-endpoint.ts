import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import { MetricsServer, startMetricsServer } from '@/infra/metrics/metrics-server';
import { MetricsService } from '@/infra/metrics/metrics.service';

/**
 * The separate worker's metrics listener (WORKER_METRICS_PORT on HOST, 0: none): what this
 * process records (jobs, agent runs, LLM calls, webhook deliveries) for Prometheus to scrape,
 * behind OPS_TOKEN like the API's /metrics. The API serves its own registry on its own port.
 */
@Injectable()
export class WorkerMetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsEndpoint.name);
  private server: MetricsServer | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Where it listens, or undefined when it is off. */
  get port(): number | undefined {
    return this.server?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workers.metricsPort;
    if (port === 0) return;
    this.server = await startMetricsServer({
      registry: this.metrics.registry,
      port,
      host: this.config.http.host,
      token: this.config.ops.token,
    });
    this.logger.log(`Metrics on http://${this.config.http.host}:${this.server.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
