/** Publishes one event to one room; never rejects (a failed live update is logged by the caller). */
export type RoomSend = (room: string, event: string, data: unknown) => Promise<unknown>;

interface RoomState {
  /** Publishes of this room not yet acknowledged by Redis. */
  inFlight: number;
  /** The newest progress update held back while a publish was under way. */
  pending?: { readonly event: string; readonly data: unknown };
}

/**
 * Progress updates of a room that come faster than they can be published are coalesced: while
 * a publish of the room is under way, only the newest update is held back and it goes out when
 * the room is idle again (the latest progress wins; a client only ever shows the newest anyway).
 * Every other event (agent_complete, error) is published at once and never dropped; a held-back
 * update is published before it, so the room's order is the order of the calls.
 * At a slow pace (each publish acknowledged before the next update) nothing is coalesced.
 */
export class ProgressCoalescer {
  private readonly rooms = new Map<string, RoomState>();

  constructor(private readonly send: RoomSend) {}

  /** An update a newer one of the same room makes obsolete. */
  latest(room: string, event: string, data: unknown): void {
    const state = this.stateOf(room);
    if (state.inFlight > 0) {
      state.pending = { event, data };
      return;
    }
    this.dispatch(room, state, event, data);
  }

  /** An event every client must see, in its place. */
  always(room: string, event: string, data: unknown): void {
    const state = this.stateOf(room);
    this.flushPending(room, state);
    this.dispatch(room, state, event, data);
  }

  /** Rooms with a publish under way or an update held back (for tests and diagnostics). */
  get busyRooms(): number {
    return this.rooms.size;
  }

  private stateOf(room: string): RoomState {
    let state = this.rooms.get(room);
    if (!state) {
      state = { inFlight: 0 };
      this.rooms.set(room, state);
    }
    return state;
  }

  private flushPending(room: string, state: RoomState): void {
    const { pending } = state;
    if (!pending) return;
    state.pending = undefined;
    this.dispatch(room, state, pending.event, pending.data);
  }

  private dispatch(room: string, state: RoomState, event: string, data: unknown): void {
    state.inFlight += 1;
    const settled = () => {
      state.inFlight -= 1;
      if (state.inFlight > 0) return;
      if (state.pending) this.flushPending(room, state);
      else this.rooms.delete(room);
    };
    this.send(room, event, data).then(settled, settled);
  }
}
