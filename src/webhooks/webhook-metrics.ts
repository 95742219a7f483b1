import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { SEND_OUTCOMES, type SendOutcome } from './delivery/webhook-sender';
import { OPERATOR_WEBHOOK_EVENTS, USER_WEBHOOK_EVENTS } from './webhook-events';

/**
 * Delivery attempts and disabled endpoints, on the app's registry. The labels are closed sets,
 * and every series starts at 0.
 */
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
    this.disabled.inc(0);
    for (const outcome of SEND_OUTCOMES) {
      this.duration.zero({ outcome });
      for (const event of [...USER_WEBHOOK_EVENTS, ...OPERATOR_WEBHOOK_EVENTS]) {
        this.attempts.inc({ event, outcome }, 0);
      }
    }
  }

  attempt(event: string, outcome: SendOutcome, latencyMs: number): void {
    this.attempts.inc({ event, outcome });
    this.duration.observe({ outcome }, latencyMs / 1000);
  }

  endpointDisabled(): void {
    this.disabled.inc();
  }
}
