import type { AppendOptions } from './room-log';

/** Publishes one event to one room; never rejects (a failed live update is logged by the caller). */
export type RoomSend = (
  room: string,
  event: string,
  data: unknown,
  options?: AppendOptions,
) => Promise<unknown>;

interface RoomState {
  /** Publishes of this room not yet acknowledged by Redis. */
  inFlight: number;
  /** The newest progress update of each task, held back while a publish was under way. */
  readonly pending: Map<string, { readonly event: string; readonly data: unknown }>;
}

/**
 * Progress updates of a room that come faster than they can be published are coalesced: while
 * a publish of the room is under way, only the newest update of each task is held back and it
 * goes out when the room is idle again (the latest progress wins; a client only ever shows the newest anyway).
 * Every other event (agent_complete, error) is published at once and never dropped; a held-back
 * update is published before it, so the room's order is the order of the calls.
 * At a slow pace (each publish acknowledged before the next update) nothing is coalesced.
 */
export class ProgressCoalescer {
  private readonly rooms = new Map<string, RoomState>();

  constructor(private readonly send: RoomSend) {}

  /** An update a newer one of the same room and `key` (its task) makes obsolete. */
  latest(room: string, event: string, data: unknown, key = ''): void {
    const state = this.stateOf(room);
    if (state.inFlight > 0) {
      // Re-inserted so the held-back updates go out in the order of their newest versions.
      state.pending.delete(key);
      state.pending.set(key, { event, data });
      return;
    }
    this.dispatch(room, state, event, data);
  }

  /** An event every client must see, in its place. */
  always(room: string, event: string, data: unknown, options?: AppendOptions): void {
    const state = this.stateOf(room);
    this.flushPending(room, state);
    this.dispatch(room, state, event, data, options);
  }

  /** Rooms with a publish under way or an update held back (for tests and diagnostics). */
  get busyRooms(): number {
    return this.rooms.size;
  }

  private stateOf(room: string): RoomState {
    let state = this.rooms.get(room);
    if (!state) {
      state = { inFlight: 0, pending: new Map() };
      this.rooms.set(room, state);
    }
    return state;
  }

  private flushPending(room: string, state: RoomState): void {
    const held = [...state.pending.values()];
    state.pending.clear();
    for (const { event, data } of held) this.dispatch(room, state, event, data);
  }

  private dispatch(
    room: string,
    state: RoomState,
    event: string,
    data: unknown,
    options?: AppendOptions,
  ): void {
    state.inFlight += 1;
    const settled = () => {
      state.inFlight -= 1;
      if (state.inFlight > 0) return;
      if (state.pending.size > 0) this.flushPending(room, state);
      else this.rooms.delete(room);
    };
    this.send(room, event, data, options).then(settled, settled);
  }
}
