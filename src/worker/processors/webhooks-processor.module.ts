import { Module } from '@nestjs/common';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { WebhooksProcessor } from './webhooks.processor';

/** The webhooks queue's consumer, imported where the agents' consumer is (see that module). */
@Module({ imports: [WebhooksModule], providers: [WebhooksProcessor] })
export class WebhooksProcessorModule {}
