import type { Server } from 'socket.io';
import type { AppConfig } from '@/config/app-config';
import { LiveRooms } from './live-rooms';
import type { Missed, RoomEvent, RoomLog } from './room-log';

const NAMESPACE = `/ws/chats/${'c'.repeat(24)}`;
const ROOM = `chat:${'c'.repeat(24)}`;

const event = (seq: number): RoomEvent => ({ seq, at: Date.now(), event: 'x', data: { n: seq } });
const relayed = (seq: number, close = false) =>
  JSON.stringify({ namespace: NAMESPACE, room: ROOM, entry: event(seq), close });

/** LiveRooms over a fake server with one namespace, and a log whose replay answers when told. */
function aFeed() {
  let answer: (missed: Missed) => void = () => undefined;
  const log = {
    missedSince: jest.fn(() => new Promise<Missed>((resolve) => (answer = resolve))),
  } as unknown as RoomLog;
  const rooms = new LiveRooms({} as AppConfig, log);
  const members = new Set<string>();
  const sockets = new Map<string, { emit(...args: unknown[]): boolean }>();
  // Live events go out as one local broadcast to the sockets' own rooms (their ids).
  const local = {
    to: (ids: string[]) => ({
      emit: (...args: unknown[]) => ids.forEach((id) => sockets.get(id)?.emit(...args)),
    }),
  };
  const server = {
    _nsps: new Map([
      [NAMESPACE, { adapter: { rooms: new Map([[ROOM, members]]) }, sockets, local }],
    ]),
  } as unknown as Server;
  // The subscription itself is Redis's business; the relay is what a message reaches.
  Object.assign(rooms, { server });
  const relay = (seq: number, close = false) =>
    (rooms as unknown as { relay(message: string): void }).relay(relayed(seq, close));
  const aSocket = (id: string) => {
    const heard: number[] = [];
    const socket = {
      data: {},
      join: jest.fn(() => {
        members.add(id);
        sockets.set(id, socket);
        return Promise.resolve();
      }),
      emit: jest.fn((_name: string, _data: unknown, meta: { seq: number }) => {
        heard.push(meta.seq);
        return true;
      }),
      disconnect: jest.fn(() => {
        heard.push(-1);
        members.delete(id);
      }),
    };
    return { socket, heard };
  };
  return { rooms, relay, aSocket, answer: (missed: Missed) => answer(missed) };
}

describe('LiveRooms', () => {
  it('holds live events back while the replay is read, then sends both in order, each once', async () => {
    const feed = aFeed();
    const { socket, heard } = feed.aSocket('s1');
    const joined = feed.rooms.join(socket, { rooms: [ROOM], feedRoom: ROOM, lastSeq: 10 });
    await Promise.resolve();
    // Live events arrive while the log is still being read; 12 is also in the replay.
    feed.relay(12);
    feed.relay(13);
    expect(heard).toEqual([]);
    feed.answer({ kind: 'events', events: [event(11), event(12)] });
    await joined;
    feed.relay(13);
    feed.relay(14);
    expect(heard).toEqual([11, 12, 13, 14]);
  });

  it('gives a fresh connection live events only, from the first one after it joined', async () => {
    const feed = aFeed();
    const { socket, heard } = feed.aSocket('s2');
    await feed.rooms.join(socket, { rooms: [ROOM], feedRoom: ROOM, lastSeq: null });
    feed.relay(40);
    feed.relay(41);
    expect(heard).toEqual([40, 41]);
  });

  it('ends a socket right after a closing event, and one still joining once its replay is out', async () => {
    const feed = aFeed();
    const live = feed.aSocket('s3');
    await feed.rooms.join(live.socket, { rooms: [ROOM], feedRoom: ROOM, lastSeq: null });
    const joining = feed.aSocket('s4');
    const joined = feed.rooms.join(joining.socket, { rooms: [ROOM], feedRoom: ROOM, lastSeq: 5 });
    await Promise.resolve();
    feed.relay(7, true);
    // -1 marks the disconnect: after the event, never before it.
    expect(live.heard).toEqual([7, -1]);
    expect(joining.heard).toEqual([]);
    feed.answer({ kind: 'events', events: [event(6)] });
    await joined;
    expect(joining.heard).toEqual([6, 7, -1]);
  });
});
