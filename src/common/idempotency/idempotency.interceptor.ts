import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { catchError, concatMap, from, Observable, of, throwError } from 'rxjs';
import { AppError } from '../errors';
import type { MaybeSignedInRequest } from '../throttling/rate-limit-hit';
import { IdempotencyStore } from './idempotency-store';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on a response that is a replay of the first one. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a request waits for another one with its key to finish before answering 409. */
const WAIT_MS = 15_000;
const POLL_MS = 50;

/**
 * `Idempotency-Key` on a POST that starts work: the first request with a key runs; the same key
 * with the same request (method, path, body, files) answers with the first one's response, without
 * running again, for a day; the same key with another request is a 422 IDEMPOTENCY_KEY_REUSED. A
 * request arriving while the first is still running waits for it (up to 15 s, else 409
 * IDEMPOTENCY_KEY_IN_USE with Retry-After). A failed request is not recorded: its retry runs.
 * Keys belong to the signed-in user. Without the header the route behaves as before.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<MaybeSignedInRequest>();
    const key = req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || !req.user) return next.handle();
    if (!KEY.test(key)) {
      throw AppError.validation([
        {
          field: IDEMPOTENCY_HEADER,
          message: `${IDEMPOTENCY_HEADER} must be 1-255 visible ASCII characters`,
        },
      ]);
    }
    const recordKey = IdempotencyStore.recordKey(req.user.id, key);
    const fingerprint = requestFingerprint(req as Request);
    const owner = randomUUID();
    const replay = await this.claimOrReplay(recordKey, fingerprint, owner);
    if (replay) {
      http.getResponse<Response>().setHeader(REPLAYED_HEADER, 'true');
      return of(replay.body);
    }
    return next.handle().pipe(
      concatMap((body: unknown) =>
        from(this.store.complete(recordKey, owner, fingerprint, body).then(() => body)),
      ),
      catchError((error: unknown) =>
        from(this.store.release(recordKey, owner)).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }

  /** Null when this request holds the key and runs; else the first request's response. */
  private async claimOrReplay(
    recordKey: string,
    fingerprint: string,
    owner: string,
  ): Promise<{ body: unknown } | null> {
    const giveUpAt = Date.now() + WAIT_MS;
    for (;;) {
      if (await this.store.claim(recordKey, fingerprint, owner)) return null;
      const record = await this.store.read(recordKey);
      if (record && record.fingerprint !== fingerprint) {
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          `This ${IDEMPOTENCY_HEADER} was already used for a different request; use a new key`,
        );
      }
      if (record?.state === 'done') return { body: record.body };
      // Still running (or just released: claim again).
      if (Date.now() > giveUpAt) {
        throw new AppError(
          'IDEMPOTENCY_KEY_IN_USE',
          `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry shortly`,
          { retry_after: 1 },
        );
      }
      if (record) await sleep(POLL_MS);
    }
  }
}
