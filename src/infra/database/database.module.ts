import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppConfig } from '@/config/app-config';
import { DatabaseHealth } from './database.health';
import { DocumentLocks } from './document-locks';

/**
 * Mongoose over any MongoDB-wire server. Code sticks to the portable subset:
 * no transactions, no $lookup/$facet, no TTL/partial/sparse indexes. Global for DocumentLocks,
 * which every repository's updates go through.
 */
@Global()
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.mongo.uri)
          throw new Error('MONGODB_URI is not set and no embedded store was started');
        const timeoutMs = config.mongo.timeoutMs;
        // A store that hangs or is gone fails the request (503) within these bounds instead of
        // holding it; the driver finds the server again by itself when it is back.
        return {
          uri: config.mongo.uri,
          serverSelectionTimeoutMS: timeoutMs,
          connectTimeoutMS: timeoutMs,
          socketTimeoutMS: timeoutMs,
          heartbeatFrequencyMS: Math.min(10_000, Math.max(500, timeoutMs)),
          bufferTimeoutMS: timeoutMs,
          maxPoolSize: 20,
          autoIndex: true,
        };
      },
    }),
  ],
  providers: [DatabaseHealth, DocumentLocks],
  exports: [DatabaseHealth, DocumentLocks],
})
export class DatabaseModule {}
