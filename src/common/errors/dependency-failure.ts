import mongoose from 'mongoose';

export type Dependency = 'document_store' | 'redis';

const { mongo } = mongoose;
const MONGO_UNAVAILABLE = [
  mongo.MongoNetworkError, // includes timeouts of the socket and a cleared pool
  mongo.MongoServerSelectionError,
  mongo.MongoNotConnectedError,
  mongo.MongoTopologyClosedError,
  mongo.MongoServerClosedError,
  mongo.MongoOperationTimeoutError,
];

// ioredis says so in words: a command that got no answer in time, a connection that is gone, or
// a command dropped after the client gave up reconnecting for it.
const REDIS_UNAVAILABLE_MESSAGES = [
  'Command timed out',
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
];

/**
 * Which dependency an error says is down or hanging, or undefined when the error is something
 * else. The exception filter answers these with 503 SERVICE_UNAVAILABLE, never their messages.
 */
export function unavailableDependency(error: unknown): Dependency | undefined {
  if (!(error instanceof Error)) return undefined;
  if (MONGO_UNAVAILABLE.some((type) => error instanceof type)) return 'document_store';
  if (error.name === 'MongooseServerSelectionError') return 'document_store';
  if (error.name === 'MongooseError' && error.message.includes('buffering timed out')) {
    return 'document_store';
  }
  if (error.name === 'MaxRetriesPerRequestError') return 'redis';
  if (REDIS_UNAVAILABLE_MESSAGES.includes(error.message)) return 'redis';
  return undefined;
}
