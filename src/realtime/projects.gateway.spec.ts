import { EventEmitter } from 'node:events';
import { AppError } from '@/common/errors';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import type { LiveRooms } from './live-rooms';
import type { ProjectRoomAccess } from './project-room-access';
import { ProjectsGateway } from './projects.gateway';

const PROJECT_ID = 'a'.repeat(24);

function aSocket(auth: Record<string, unknown> = { token: 'a-token' }) {
  return Object.assign(new EventEmitter(), {
    nsp: { name: `/ws/projects/${PROJECT_ID}` },
    handshake: { auth, query: {} },
    data: {},
    join: jest.fn(() => Promise.resolve()),
    disconnect: jest.fn(),
  });
}

type Middleware = (socket: ReturnType<typeof aSocket>, next: (error?: Error) => void) => void;

/** The gateway's handshake middleware, over an access check that resolves or rejects as given. */
function handshake(admit: () => Promise<AuthenticatedUser>) {
  const gateway = new ProjectsGateway(
    { admit: jest.fn(admit) } as unknown as ProjectRoomAccess,
    { attach: jest.fn() } as unknown as LiveRooms,
  );
  let middleware: Middleware | undefined;
  gateway.afterInit({
    use: (fn: Middleware) => (middleware = fn),
    server: { of: () => ({ on: jest.fn() }) },
  } as never);
  return async (socket: ReturnType<typeof aSocket>) =>
    new Promise<(Error & { data?: unknown }) | undefined>((resolve) =>
      middleware?.(socket, resolve),
    );
}

describe('ProjectsGateway', () => {
  afterEach(() => jest.useRealTimers());

  it('admits a caller (leaving who and until when on the socket) or refuses with {message, error_code}', async () => {
    const user = { id: 'u1', tokenId: 'j', sessionId: 'f', expiresAt: 1_900_000_000 };
    const socket = aSocket();
    await expect(handshake(() => Promise.resolve(user))(socket)).resolves.toBeUndefined();
    expect(socket.data).toEqual({
      userId: 'u1',
      sessionId: 'f',
      expiresAt: 1_900_000_000,
      lastSeq: null,
    });

    const resuming = aSocket({ token: 'a-token', last_seq: '41' });
    await expect(handshake(() => Promise.resolve(user))(resuming)).resolves.toBeUndefined();
    expect(resuming.data).toMatchObject({ lastSeq: 41 });

    const garbled = await handshake(() => Promise.resolve(user))(
      aSocket({ token: 'a-token', last_seq: '-1' }),
    );
    expect(garbled?.data).toEqual({
      message: 'Validation failed: last_seq must be a non-negative integer',
      error_code: 'VALIDATION_ERROR',
    });

    const refused = await handshake(() => Promise.reject(AppError.notFound('Project')))(aSocket());
    expect(refused?.data).toEqual({ message: 'Project not found', error_code: 'NOT_FOUND' });

    // Anything else (Redis or the database down) is not the caller's fault, and says nothing more.
    const failed = await handshake(() => Promise.reject(new Error('ECONNREFUSED')))(aSocket());
    expect(failed?.data).toEqual({
      message: 'Could not open the live connection',
      error_code: 'SERVICE_UNAVAILABLE',
    });
  });

  it("joins the project's, session's and user's rooms and disconnects when the token expires", async () => {
    jest.useFakeTimers({ now: 1_000_000_000_000 });
    const join = jest.fn(() => Promise.resolve());
    const gateway = new ProjectsGateway({} as ProjectRoomAccess, { join } as unknown as LiveRooms);
    const socket = aSocket();
    socket.data = { userId: 'u1', sessionId: 'f', expiresAt: 1_000_000_000 + 60, lastSeq: 7 };
    await gateway.handleConnection(socket as never);
    expect(join).toHaveBeenCalledWith(socket, {
      rooms: [`project:${PROJECT_ID}`, 'session:f', 'user:u1'],
      feedRoom: `project:${PROJECT_ID}`,
      lastSeq: 7,
    });

    jest.advanceTimersByTime(59_000);
    expect(socket.disconnect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(socket.disconnect).toHaveBeenCalledWith(true);

    const gone = aSocket();
    gone.data = { userId: 'u1', sessionId: 'f', expiresAt: 1_000_000_000 + 120, lastSeq: null };
    await gateway.handleConnection(gone as never);
    gone.emit('disconnect');
    jest.advanceTimersByTime(120_000);
    expect(gone.disconnect).not.toHaveBeenCalled();
  });
});
