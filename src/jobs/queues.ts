/** Queue names; payload types join them as the processors land (agents issue). */
export const AGENTS_QUEUE = 'agents';

export const ALL_QUEUES = [AGENTS_QUEUE] as const;
export type QueueName = (typeof ALL_QUEUES)[number];
