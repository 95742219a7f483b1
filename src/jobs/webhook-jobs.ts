/** Job names on the `webhooks` queue. */
export const ENDPOINT_DELIVERY_JOB = 'endpoint-delivery';
export const OPERATOR_DELIVERY_JOB = 'operator-delivery';

/**
 * One attempt at a delivery to an account's endpoint. The delivery record holds the payload;
 * `round` counts manual redeliveries, so a job left over from an earlier round is ignored.
 */
export interface EndpointDeliveryJob {
  readonly kind: typeof ENDPOINT_DELIVERY_JOB;
  readonly userId: string;
  /** Also on the delivery record; here so a busy endpoint's jobs wait without a database read. */
  readonly endpointId: string;
  readonly deliveryId: string;
  readonly round: number;
  /** 1 for the first attempt of a round. */
  readonly attempt: number;
}

/**
 * One attempt at an operator event (WEBHOOK_OPERATOR_URLS). No delivery record: the payload
 * (ids only) travels in the job and the secret is read from the configuration when it is sent.
 */
export interface OperatorDeliveryJob {
  readonly kind: typeof OPERATOR_DELIVERY_JOB;
  readonly deliveryId: string;
  readonly url: string;
  readonly event: string;
  /** The payload without its signature (the signed body is built when it is sent). */
  readonly payload: string;
  readonly attempt: number;
}

export type WebhookJob = EndpointDeliveryJob | OperatorDeliveryJob;
