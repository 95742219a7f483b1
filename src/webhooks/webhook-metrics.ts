import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@/infra/metrics/metrics.service';
import type { SendOutcome } from './delivery/webhook-sender';

/** Delivery attempts and disabled endpoints, on the app's registry (labels are closed sets). */
@Injectable()
export class WebhookMetrics {
  private readonly attempts: Counter<'event' | 'outcome'>;
  private readonly duration: Histogram<'outcome'>;
  private readonly disabled: Counter;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by event and outcome (success, http_error, redirect, timeout, network_error, refused)',
      labelNames: ['event', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'webhook_delivery_duration_seconds',
      help: 'Time from sending a webhook to its answer (or to the failure)',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.disabled = new Counter({
      name: 'webhook_endpoints_disabled_total',
      help: 'Endpoints disabled because their deliveries kept failing',
      registers,
    });
  }

  attempt(event: string, outcome: SendOutcome, latencyMs: number): void {
    this.attempts.inc({ event, outcome });
    this.duration.observe({ outcome }, latencyMs / 1000);
  }

  endpointDisabled(): void {
    this.disabled.inc();
  }
}
