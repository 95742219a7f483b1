import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES, DeliveryStatus } from '../webhook-delivery.schema';
import { USER_WEBHOOK_EVENTS, UserWebhookEvent } from '../webhook-events';

const ID = '6650f1c2a9b8c7d6e5f40312';
const WHEN = '2025-10-31T10:00:00.000Z';

export class WebhookDto {
  @ApiProperty({ example: ID })
  id!: string;

  @ApiProperty({ example: 'https://hooks.example.com/prd-forge' })
  url!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Slack relay' })
  description!: string | null;

  @ApiProperty({ enum: USER_WEBHOOK_EVENTS, isArray: true, example: ['project.created'] })
  events!: UserWebhookEvent[];

  @ApiProperty({ description: 'false: paused by its owner, or disabled (see disabled_reason)' })
  active!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why deliveries disabled it; null when active or paused by its owner',
    example: null,
  })
  disabled_reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  disabled_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  secret_rotated_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until then deliveries also carry a signature made with the previous secret',
    example: null,
  })
  previous_secret_expires_at!: string | null;

  @ApiProperty({ format: 'date-time', example: WHEN })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: WHEN })
  updated_at!: string;
}

/** Creation and rotation: the only two answers that carry the secret. */
export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    example: 'whsec_q1Yv0bUe9ZsQ3nQxV8y7s1cR4mT2pL6oK0wJ5hG9fD8',
    description: 'The signing secret; shown only now, store it',
  })
  secret!: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto], description: 'Newest first' })
  webhooks!: WebhookDto[];
}

export class WebhookDeletedDto {
  @ApiProperty({ example: 'Webhook deleted successfully' })
  message!: string;
}

export class DeliveryAttemptDto {
  @ApiProperty({ example: 1, description: '1-based within its round' })
  attempt!: number;

  @ApiProperty({ example: 0, description: '0 for the automatic attempts, +1 per redelivery' })
  round!: number;

  @ApiProperty({ format: 'date-time', example: WHEN })
  at!: string;

  @ApiProperty({ type: Number, nullable: true, example: 500 })
  status_code!: number | null;

  @ApiProperty({ example: 84 })
  latency_ms!: number;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' })
  error!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The start of the receiver’s answer (at most 256 characters)',
    example: 'Internal Server Error',
  })
  response_excerpt!: string | null;
}

export class DeliveryDto {
  @ApiProperty({ example: '6650f1c2a9b8c7d6e5f40399', description: 'The payload’s delivery_id' })
  id!: string;

  @ApiProperty({ example: ID })
  webhook_id!: string;

  @ApiProperty({ example: 'version.created' })
  event!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'retrying' })
  status!: DeliveryStatus;

  @ApiProperty({ format: 'date-time', example: WHEN })
  created_at!: string;

  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'The latest attempt' })
  attempt!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 500 })
  status_code!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 84 })
  latency_ms!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' })
  error!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-10-31T10:10:00.000Z',
  })
  next_retry_at!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What was sent, without its signature',
    example: {
      event: 'version.created',
      timestamp: WHEN,
      data: { project_id: ID, version: 'v1.1', current_version: 'v1.1', source: 'manual' },
      delivery_id: '6650f1c2a9b8c7d6e5f40399',
    },
  })
  payload!: Record<string, unknown>;

  @ApiProperty({ type: [DeliveryAttemptDto], description: 'Oldest first' })
  attempts!: DeliveryAttemptDto[];
}

export class DeliveryListDto {
  @ApiProperty({ type: [DeliveryDto], description: 'Newest first' })
  deliveries!: DeliveryDto[];

  @ApiProperty({ example: 1 })
  total!: number;

  @ApiProperty({ example: 20 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}

export class RedeliveryDto {
  @ApiProperty({ example: 'Redelivery queued' })
  message!: string;

  @ApiProperty({ type: DeliveryDto })
  delivery!: DeliveryDto;
}
