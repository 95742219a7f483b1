import { GENERATE_JOB, ITERATE_JOB } from './agent-jobs';
import { ENDPOINT_DELIVERY_JOB, OPERATOR_DELIVERY_JOB } from './webhook-jobs';

/** Queue names. Payload types sit beside them (agent-jobs.ts); the consumers live in src/worker/. */
export const AGENTS_QUEUE = 'agents';
/** Housekeeping on a schedule: one job name per task, no payload. */
export const MAINTENANCE_QUEUE = 'maintenance';
/** One job per webhook delivery attempt (src/webhooks); payloads in webhook-jobs.ts. */
export const WEBHOOKS_QUEUE = 'webhooks';

export const ALL_QUEUES = [AGENTS_QUEUE, MAINTENANCE_QUEUE, WEBHOOKS_QUEUE] as const;
export type QueueName = (typeof ALL_QUEUES)[number];

export const MAINTENANCE_JOBS = [
  'account-retention-purge',
  'expired-session-sweep',
  'webhook-delivery-prune',
] as const;
export type MaintenanceJobName = (typeof MAINTENANCE_JOBS)[number];

/** Every job name each queue carries: the label sets the job metrics start with. */
export const QUEUE_JOB_NAMES: Readonly<Record<QueueName, readonly string[]>> = {
  [AGENTS_QUEUE]: [GENERATE_JOB, ITERATE_JOB],
  [MAINTENANCE_QUEUE]: MAINTENANCE_JOBS,
  [WEBHOOKS_QUEUE]: [ENDPOINT_DELIVERY_JOB, OPERATOR_DELIVERY_JOB],
};
