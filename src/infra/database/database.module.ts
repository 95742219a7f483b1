import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppConfig } from '@/config/app-config';
import { DatabaseHealth } from './database.health';

/**
 * Mongoose over any MongoDB-wire server. Code sticks to the portable subset:
 * no transactions, no $lookup/$facet, no TTL/partial/sparse indexes.
 */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.mongo.uri)
          throw new Error('MONGODB_URI is not set and no embedded store was started');
        return {
          uri: config.mongo.uri,
          serverSelectionTimeoutMS: 5_000,
          maxPoolSize: 20,
          autoIndex: true,
        };
      },
    }),
  ],
  providers: [DatabaseHealth],
  exports: [DatabaseHealth],
})
export class DatabaseModule {}
