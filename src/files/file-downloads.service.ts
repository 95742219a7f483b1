import { Injectable } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { contentTypeForKey } from '@/storage/content-types';
import { ObjectNotFoundError, Storage } from '@/storage/storage';
import { UrlSigner } from '@/storage/url-signer';

export interface SignedDownloadRequest {
  readonly token: string;
  readonly expires?: string;
  readonly filename?: string;
  readonly signature?: string;
}

export interface Download {
  readonly body: Buffer;
  readonly contentType: string;
  readonly filename?: string;
  /** Seconds the URL stays valid; caches must not keep the body longer. */
  readonly secondsLeft: number;
}

/** Serves the filesystem driver's signed URLs: 403 unless the signature holds and is in date. */
@Injectable()
export class FileDownloadsService {
  constructor(
    private readonly storage: Storage,
    private readonly signer: UrlSigner,
  ) {}

  async open(request: SignedDownloadRequest): Promise<Download> {
    // S3 deployments hand out presigned bucket URLs; nothing signed here can be valid.
    if (this.storage.driver !== 'local') throw AppError.notFound('File');
    const key = Buffer.from(request.token, 'base64url').toString('utf8');
    const expires = Number(request.expires);
    if (!request.signature || !Number.isSafeInteger(expires)) throw forbidden('not signed');
    const download = { key, expires, filename: request.filename };
    const check = this.signer.check(download, request.signature);
    if (check === 'invalid') throw forbidden('signature does not match');
    if (check === 'expired') throw forbidden('expired');
    try {
      const body = await this.storage.get(key);
      return {
        body,
        contentType: contentTypeForKey(key),
        filename: request.filename,
        secondsLeft: Math.max(0, expires - Math.floor(Date.now() / 1000)),
      };
    } catch (error) {
      if (error instanceof ObjectNotFoundError) throw AppError.notFound('File');
      throw error;
    }
  }
}

function forbidden(reason: string): AppError {
  return new AppError('FORBIDDEN', `Download link is invalid or expired (${reason})`);
}
