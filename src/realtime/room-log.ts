import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { RoomAddress, roomEventsChannel } from './realtime-channels';
import { quitRedis, realtimeRedis } from './realtime-redis';

/** One event of a room, as kept for replay and as relayed to the API replicas. */
export interface RoomEvent {
  readonly seq: number;
  /** When it was published (Unix ms): replay keeps a time window too. */
  readonly at: number;
  readonly event: string;
  readonly data: unknown;
}

/** What the relay channel carries: the event and where it goes. */
export interface RelayedRoomEvent {
  readonly namespace: string;
  readonly room: string;
  readonly entry: RoomEvent;
  /** The room's connections end once this event is delivered (not kept in the replay log). */
  readonly close?: boolean;
}

export interface AppendOptions {
  /** End the room's connections right after delivering this event, on every API replica. */
  readonly close?: boolean;
}

/** What a reconnecting client missed, or that it missed more than the window keeps. */
export type Missed =
  | { readonly kind: 'events'; readonly events: readonly RoomEvent[] }
  | { readonly kind: 'gap'; readonly oldestSeq: number | null };

/**
 * The replay window: the last this many events of a room (a chat reply streams a few hundred
 * pieces, so a long one still fits whole) ...
 */
export const REPLAY_MAX_EVENTS = 2_000;
/** ... published within this long. */
export const REPLAY_WINDOW_MS = 10 * 60_000;
/**
 * A room's counter outlives its log by far, so numbers keep growing across quiet spells. When it
 * does expire, it restarts from the current time in ms (below), which is still above anything
 * handed out before unless a room averaged more than one event per millisecond for its life.
 */
const COUNTER_TTL_MS = 7 * 24 * 3_600_000;

// One script, so the number, the log entry and the publish happen as one step: Redis runs
// scripts one at a time, hence subscribers receive a room's events in the order of their numbers.
// KEYS: counter, log. ARGV: event (JSON string), data (JSON), namespace (JSON string), room (JSON
// string), now ms, max entries, log ttl ms, counter ttl ms, channel, close (true or false).
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[5]) end
local seq = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[8])
local entry = '{"seq":' .. string.format('%d', seq) .. ',"at":' .. ARGV[5] ..
  ',"event":' .. ARGV[1] .. ',"data":' .. ARGV[2] .. '}'
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[6]), -1)
redis.call('PEXPIRE', KEYS[2], ARGV[7])
redis.call('PUBLISH', ARGV[9], '{"namespace":' .. ARGV[3] .. ',"room":' .. ARGV[4] ..
  ',"entry":' .. entry .. ',"close":' .. ARGV[10] .. '}')
return seq
`;

/**
 * Every room's numbered event log in Redis: `append` numbers an event, keeps it for replay and
 * publishes it to every API replica in one script (from the API or a worker alike); `missedSince`
 * is what a reconnecting client gets. Keys carry the configured prefix and a TTL.
 */
@Injectable()
export class RoomLog implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly channel: string;

  constructor(config: AppConfig) {
    this.redis = realtimeRedis(config, 'publisher');
    this.prefix = config.redis.keyPrefix;
    this.channel = roomEventsChannel(config);
  }

  /** The event's number. Commands on one connection run in call order, so calls keep their order. */
  async append(
    address: RoomAddress,
    event: string,
    data: unknown,
    options: AppendOptions = {},
  ): Promise<number> {
    const { counter, log } = this.keys(address.room);
    const seq = await this.redis.eval(
      APPEND,
      2,
      counter,
      log,
      JSON.stringify(event),
      JSON.stringify(data),
      JSON.stringify(address.namespace),
      JSON.stringify(address.room),
      Date.now(),
      REPLAY_MAX_EVENTS,
      REPLAY_WINDOW_MS,
      COUNTER_TTL_MS,
      this.channel,
      options.close === true ? 'true' : 'false',
    );
    return Number(seq);
  }

  /** The events after `lastSeq` still in the window, or a gap when some are no longer kept. */
  async missedSince(room: string, lastSeq: number, now = Date.now()): Promise<Missed> {
    const { counter, log } = this.keys(room);
    const replies = await this.redis.multi().get(counter).lrange(log, 0, -1).exec();
    const current = Number(replies?.[0]?.[1] ?? 0);
    const kept = ((replies?.[1]?.[1] ?? []) as string[])
      .map((line) => JSON.parse(line) as RoomEvent)
      .filter((entry) => entry.at >= now - REPLAY_WINDOW_MS);
    const events = kept.filter((entry) => entry.seq > lastSeq);
    if (current <= lastSeq) return { kind: 'events', events: [] };
    if (events[0]?.seq !== lastSeq + 1) {
      return { kind: 'gap', oldestSeq: kept[0]?.seq ?? null };
    }
    return { kind: 'events', events };
  }

  async onApplicationShutdown(): Promise<void> {
    await quitRedis(this.redis);
  }

  private keys(room: string): { counter: string; log: string } {
    return { counter: `${this.prefix}room:${room}:seq`, log: `${this.prefix}room:${room}:log` };
  }
}
