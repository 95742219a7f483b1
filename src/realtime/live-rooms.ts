import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Server } from 'socket.io';
import { AppConfig } from '@/config/app-config';
import { roomEventsChannel } from './realtime-channels';
import { quitRedis, realtimeRedis } from './realtime-redis';
import { RelayedRoomEvent, RoomEvent, RoomLog } from './room-log';

/**
 * Where a socket stands in its room's sequence. While it joins, live events wait in `pending`
 * so the replay goes out first; afterwards an event at or below `lastSeq` is a duplicate.
 */
interface Feed {
  lastSeq: number | null;
  pending: RoomEvent[] | null;
  /** A closing event arrived while the socket was joining: end it once the replay is out. */
  closeAfterJoin?: boolean;
}

/** What LiveRooms keeps on each socket it feeds. */
export interface FedSocketData {
  feed?: Feed;
}

/** Any gateway's socket, as far as LiveRooms uses it (method syntax: each gateway's typed map fits). */
interface FedSocket {
  readonly data: FedSocketData;
  join(rooms: string[]): Promise<void> | void;
  emit(event: string, ...args: unknown[]): boolean;
  disconnect(close?: boolean): unknown;
}

export interface JoinRequest {
  /** Every room the socket joins (the feed's room, and token family/user rooms for revocation). */
  readonly rooms: readonly string[];
  /** The room whose numbered events the socket receives. */
  readonly feedRoom: string;
  /** The last number the client saw, or null for a fresh connection (live events only). */
  readonly lastSeq: number | null;
}

/**
 * Delivery of numbered room events in the API: one Redis subscription per replica hears every
 * event RoomLog publishes (from any process) and hands it to this replica's sockets in the room,
 * each gated by its own feed, so a reconnecting client gets its replay first and no event twice.
 */
@Injectable()
export class LiveRooms implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveRooms.name);
  private subscriber: Redis | undefined;
  private server: Server | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly log: RoomLog,
  ) {}

  /** Called by every room gateway once its server exists; subscribes the first time only. */
  attach(server: Server): void {
    if (this.subscriber) return;
    this.server = server;
    const channel = roomEventsChannel(this.config);
    this.subscriber = realtimeRedis(this.config, 'subscriber');
    this.subscriber.on('message', (from: string, message: string) => {
      if (from === channel) this.relay(message);
    });
    this.subscriber.subscribe(channel).catch((error: unknown) => {
      this.logger.error(`Room events subscription failed: ${(error as Error).message}`);
    });
  }

  /** Joins the rooms, replays what the client missed since `lastSeq`, then goes live. */
  async join(socket: FedSocket, request: JoinRequest): Promise<void> {
    const feed: Feed = { lastSeq: request.lastSeq, pending: [] };
    socket.data.feed = feed;
    await socket.join([...request.rooms]);
    let replay: readonly RoomEvent[] = [];
    if (request.lastSeq !== null) {
      const missed = await this.log.missedSince(request.feedRoom, request.lastSeq);
      if (missed.kind === 'gap') {
        socket.emit('resync_required', { last_seq: request.lastSeq, oldest_seq: missed.oldestSeq });
        // From here on the client is a fresh one: everything live, nothing older.
        feed.lastSeq = null;
      } else {
        replay = missed.events;
      }
    }
    const waiting = feed.pending ?? [];
    feed.pending = null;
    for (const entry of [...replay, ...waiting].sort((a, b) => a.seq - b.seq)) {
      deliver(socket, feed, entry);
    }
    if (feed.closeAfterJoin) socket.disconnect();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber) await quitRedis(this.subscriber);
  }

  private relay(message: string): void {
    let relayed: RelayedRoomEvent;
    try {
      relayed = JSON.parse(message) as RelayedRoomEvent;
    } catch {
      this.logger.warn('Dropped a room event that is not JSON');
      return;
    }
    const namespace = this.server?._nsps.get(relayed.namespace);
    const members = namespace?.adapter.rooms.get(relayed.room);
    if (!namespace || !members) return;
    const { entry } = relayed;
    const live: string[] = [];
    for (const id of members) {
      const socket: FedSocket | undefined = namespace.sockets.get(id);
      const feed = socket?.data.feed;
      if (!socket || !feed) continue;
      if (feed.pending) {
        feed.pending.push(entry);
        if (relayed.close) feed.closeAfterJoin = true;
      } else if (feed.lastSeq === null || entry.seq > feed.lastSeq) {
        feed.lastSeq = entry.seq;
        live.push(id);
      }
    }
    // Every socket id is also a room: one broadcast encodes the packet once for all of them,
    // where an emit per socket encoded it a thousand times for a thousand watchers. `local`:
    // other replicas deliver from their own subscription, not through the adapter.
    if (live.length > 0) namespace.local.to(live).emit(entry.event, entry.data, { seq: entry.seq });
    if (!relayed.close) return;
    // The event's packet goes first on each connection, then the namespace's DISCONNECT: the
    // client reads the event, then "io server disconnect". Only this namespace ends.
    for (const id of live) namespace.sockets.get(id)?.disconnect();
  }
}

function deliver(socket: FedSocket, feed: Feed, entry: RoomEvent): void {
  if (feed.lastSeq !== null && entry.seq <= feed.lastSeq) return;
  feed.lastSeq = entry.seq;
  socket.emit(entry.event, entry.data, { seq: entry.seq });
}
