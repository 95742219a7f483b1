import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { JobsModule } from '@/jobs/jobs.module';
import { EndpointSlots } from './delivery/endpoint-slots';
import { WebhookDeliveryService } from './delivery/webhook-delivery.service';
import { WebhookQueue } from './delivery/webhook-queue';
import { WebhookSecrets } from './signing/webhook-secrets';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDelivery, WebhookDeliverySchema } from './webhook-delivery.schema';
import { WebhookEndpoint, WebhookEndpointSchema } from './webhook-endpoint.schema';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEventsService } from './webhook-events.service';
import { WebhookLock } from './webhook-lock';
import { WebhookMetrics } from './webhook-metrics';
import { WebhooksService } from './webhooks.service';

/**
 * Outgoing webhooks: accounts' endpoints and their delivery log (WebhooksService), the events
 * the rest of the application publishes (WebhookEventsService), and the attempts the webhooks
 * processor makes (WebhookDeliveryService). The HTTP routes are WebhooksApiModule's, so the
 * features that publish events import this module without its controller.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WebhookEndpoint.name, schema: WebhookEndpointSchema },
      { name: WebhookDelivery.name, schema: WebhookDeliverySchema },
    ]),
    JobsModule,
  ],
  providers: [
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookSecrets,
    WebhookLock,
    WebhookQueue,
    WebhookMetrics,
    WebhooksService,
    WebhookEventsService,
    WebhookDeliveryService,
    EndpointSlots,
  ],
  exports: [WebhookEventsService, WebhookDeliveryService, WebhooksService],
})
export class WebhooksModule {}
