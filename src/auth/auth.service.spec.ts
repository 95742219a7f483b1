import { Types } from 'mongoose';
import { AppError } from '@/common/errors';
import { User } from '@/users/user.schema';
import { UsersService } from '@/users/users.service';
import type { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { PasswordHasher } from './password-hasher';
import { TokensService } from './tokens/tokens.service';

/** AuthService with its collaborators faked: the rules, without the services. */
function newTestService(account: Partial<User> | null, lockedFor = 0) {
  const users = {
    findForSignIn: jest.fn().mockResolvedValue(account),
    recordLogin: jest.fn().mockResolvedValue(undefined),
    replacePasswordHash: jest.fn().mockResolvedValue(undefined),
  };
  const hasher = {
    verify: jest.fn((hash: string | undefined, password: string) =>
      Promise.resolve(hash !== undefined && hash === `hash:${password}`),
    ),
    isOutdated: jest.fn().mockReturnValue(false),
    hash: jest.fn((password: string) => Promise.resolve(`hash:${password}`)),
  };
  const attempt = {
    failed: jest.fn().mockResolvedValue(undefined),
    succeeded: jest.fn().mockResolvedValue(undefined),
  };
  const lockout = {
    reserve: jest.fn(() =>
      lockedFor > 0
        ? Promise.reject(new AppError('ACCOUNT_LOCKED', 'locked', { retry_after: lockedFor }))
        : Promise.resolve(attempt),
    ),
  };
  const tokens = {
    openFamily: jest
      .fn()
      .mockResolvedValue({ access_token: 'a', refresh_token: 'r', expires_in: 1800 }),
  };
  const service = new AuthService(
    users as unknown as UsersService,
    tokens as unknown as TokensService,
    hasher as unknown as PasswordHasher,
    lockout as unknown as LoginLockout,
    { publishOperator: jest.fn().mockResolvedValue(undefined) } as unknown as WebhookEventsService,
  );
  return { service, users, hasher, lockout, attempt, tokens };
}

const account = {
  _id: new Types.ObjectId(),
  email: 'Ada@Example.com',
  full_name: 'Ada',
  password_hash: 'hash:Corr3ctHorse',
};

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('AuthService.login', () => {
  it('verifies against the decoy for an unknown account and fails like a wrong password', async () => {
    const unknown = newTestService(null);
    const wrong = newTestService(account);
    const a = await failure(
      unknown.service.login({ email: 'nobody@example.com', password: 'Corr3ctHorse' }),
    );
    const b = await failure(wrong.service.login({ email: 'ada@example.com', password: 'nope' }));
    expect(unknown.hasher.verify).toHaveBeenCalledWith(undefined, 'Corr3ctHorse');
    expect(wrong.hasher.verify).toHaveBeenCalledTimes(1);
    expect([a.code, a.message]).toEqual([b.code, b.message]);
    expect(unknown.lockout.reserve).toHaveBeenCalledWith('email:nobody@example.com');
    expect(wrong.lockout.reserve).toHaveBeenCalledWith('email:ada@example.com');
    expect(unknown.attempt.failed).toHaveBeenCalledTimes(1);
    expect(wrong.attempt.failed).toHaveBeenCalledTimes(1);
  });

  it('refuses a locked identifier before checking any password', async () => {
    const { service, hasher, users } = newTestService(account, 600);
    const error = await failure(
      service.login({ email: 'ada@example.com', password: 'Corr3ctHorse' }),
    );
    expect(error.code).toBe('ACCOUNT_LOCKED');
    expect(error.details).toEqual({ retry_after: 600 });
    expect(hasher.verify).not.toHaveBeenCalled();
    expect(users.findForSignIn).not.toHaveBeenCalled();
  });

  it('clears the failure count, re-hashes an outdated hash and opens a token family', async () => {
    const { service, hasher, lockout, attempt, users, tokens } = newTestService(account);
    hasher.isOutdated.mockReturnValue(true);
    const res = await service.login({ phone_number: '+14155552671', password: 'Corr3ctHorse' });
    expect(lockout.reserve).toHaveBeenCalledWith('phone:+14155552671');
    expect(attempt.succeeded).toHaveBeenCalledTimes(1);
    expect(attempt.failed).not.toHaveBeenCalled();
    expect(users.replacePasswordHash).toHaveBeenCalledWith(
      account._id.toHexString(),
      'hash:Corr3ctHorse',
    );
    expect(tokens.openFamily).toHaveBeenCalledWith(account._id.toHexString());
    expect(res).toMatchObject({ token_type: 'bearer', user: { email: 'Ada@Example.com' } });
  });

  it('wants exactly one of email and phone_number', async () => {
    const { service } = newTestService(account);
    const both = await failure(
      service.login({ email: 'a@b.co', phone_number: '+14155552671', password: 'x' }),
    );
    const neither = await failure(service.login({ password: 'x' }));
    expect(both.code).toBe('VALIDATION_ERROR');
    expect(neither.code).toBe('VALIDATION_ERROR');
  });
});
