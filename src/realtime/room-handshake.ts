import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { AppError } from '@/common/errors';
import type { FedSocketData } from './live-rooms';
import type { RealtimeErrorData } from './realtime.events';

/** What a Socket.IO handshake carries that we read: `auth.*`, or the contract's `?token=` style. */
export interface HandshakeCredentials {
  readonly auth: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
}

/** What every room gateway leaves on an admitted socket. */
export interface AdmittedSocketData extends FedSocketData {
  userId: string;
  /** The access token's family, so ending the family can end this socket. */
  familyId: string;
  /** The access token's expiry, Unix seconds. */
  expiresAt: number;
  /** The last event number the client saw (null: a fresh connection). */
  lastSeq: number | null;
}

/** Who a room's access check admitted (the feature's verified access token, as the socket keeps it). */
export interface AdmittedUser {
  readonly id: string;
  readonly familyId: string;
  /** Unix seconds. */
  readonly expiresAt: number;
}

/** The error a refused handshake carries; the client reads `err.data` in `connect_error`. */
export type RefusedHandshake = Error & { data: RealtimeErrorData };

/** setTimeout's ceiling (about 24.8 days); a longer-lived token is re-timed when it reconnects. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const SEQ = /^\d{1,16}$/;

export function tokenFrom({ auth, query }: HandshakeCredentials): string | undefined {
  if (typeof auth.token === 'string' && auth.token) return auth.token;
  return typeof query.token === 'string' && query.token ? query.token : undefined;
}

/** `auth.last_seq` (number or digits) or `?last_seq=`; absent is null, anything else refused. */
export function lastSeqFrom({ auth, query }: HandshakeCredentials): number | null {
  const raw = auth.last_seq ?? query.last_seq;
  if (raw === undefined || raw === null || raw === '') return null;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !SEQ.test(text)) {
    throw AppError.validation([
      { field: 'last_seq', message: 'last_seq must be a non-negative integer' },
    ]);
  }
  return Number(text);
}

/** The id at the end of a room namespace's name (/ws/projects/{id}, /ws/chats/{id}). */
export function roomIdOf(socket: { readonly nsp: { readonly name: string } }): string {
  return socket.nsp.name.slice(socket.nsp.name.lastIndexOf('/') + 1);
}

/** Ends the connection when its access token expires; the client reconnects with a fresh one. */
export function disconnectAtExpiry(socket: Socket): void {
  const data = socket.data as Pick<AdmittedSocketData, 'expiresAt'>;
  const remainingMs = data.expiresAt * 1000 - Date.now();
  const timer = setTimeout(() => socket.disconnect(true), Math.min(remainingMs, MAX_TIMER_MS));
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}

/**
 * The caller's own mistakes say what they are (UNAUTHORIZED, NOT_FOUND, VALIDATION_ERROR, and
 * CONFLICT for a room that streams nothing now, such as an archived project's); anything else
 * (Redis or the database down) is not their fault and says nothing more.
 */
export function refusal(error: unknown, logger: Logger): RefusedHandshake {
  const data: RealtimeErrorData =
    error instanceof AppError &&
    (error.code === 'UNAUTHORIZED' ||
      error.code === 'NOT_FOUND' ||
      error.code === 'CONFLICT' ||
      error.code === 'VALIDATION_ERROR')
      ? { message: error.message, error_code: error.code }
      : { message: 'Could not open the live connection', error_code: 'SERVICE_UNAVAILABLE' };
  if (data.error_code === 'SERVICE_UNAVAILABLE') logger.warn(`Handshake failed: ${String(error)}`);
  return Object.assign(new Error(data.message), { data });
}

/** A namespace as the handshake sees it (method syntax: each gateway's typed namespace fits). */
interface GuardedNamespace {
  use(
    middleware: (
      socket: {
        readonly handshake: HandshakeCredentials;
        readonly nsp: { readonly name: string };
        data: AdmittedSocketData;
      },
      next: (error?: Error) => void,
    ) => void,
  ): unknown;
}

/**
 * The room handshake in a namespace middleware, so a refusal reaches the client as connect_error
 * before any event: `last_seq` read, then `admit` (token and owner check) for the room's id, and
 * who was admitted left on the socket.
 */
export function guardHandshake(
  namespace: GuardedNamespace,
  admit: (credentials: HandshakeCredentials, roomId: string) => Promise<AdmittedUser>,
  logger: Logger,
): void {
  namespace.use((socket, next) => {
    Promise.resolve()
      .then(async () => {
        const lastSeq = lastSeqFrom(socket.handshake);
        const user = await admit(socket.handshake, roomIdOf(socket));
        socket.data = {
          userId: user.id,
          familyId: user.familyId,
          expiresAt: user.expiresAt,
          lastSeq,
        };
        next();
      })
      .catch((error: unknown) => next(refusal(error, logger)));
  });
}
