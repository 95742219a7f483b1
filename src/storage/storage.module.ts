import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import { LocalStorage } from './local.storage';
import { S3Storage } from './s3.storage';
import { Storage } from './storage';
import { UrlSigner } from './url-signer';

export function createStorage(config: AppConfig, signer: UrlSigner): Storage {
  const { storage } = config;
  switch (storage.driver) {
    case 'local':
      return new LocalStorage({
        root: storage.localDir,
        signer,
        publicBaseUrl: storage.publicBaseUrl,
      });
    case 's3':
      return new S3Storage({
        bucket: storage.s3.bucket ?? '',
        region: storage.s3.region,
        endpoint: storage.s3.endpoint,
        forcePathStyle: storage.s3.forcePathStyle,
        accessKeyId: storage.s3.accessKeyId,
        secretAccessKey: storage.s3.secretAccessKey,
      });
  }
}

@Global()
@Module({
  providers: [
    {
      provide: UrlSigner,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new UrlSigner(config.storage.urlSecret),
    },
    { provide: Storage, inject: [AppConfig, UrlSigner], useFactory: createStorage },
  ],
  exports: [Storage, UrlSigner],
})
export class StorageModule {}
