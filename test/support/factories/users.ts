import { randomInt } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import { uniqueSuffix } from './unique';

export interface NewUserBody {
  email?: string;
  phone_number?: string;
  password: string;
  full_name?: string;
}

export const STRONG_PASSWORD = 'Corr3ctHorse';

/** A registration body with a unique email; pass `email: undefined` for a phone-only account. */
export function aUser(overrides: Partial<NewUserBody> = {}): NewUserBody {
  return {
    email: `user-${uniqueSuffix()}@example.com`,
    password: STRONG_PASSWORD,
    full_name: 'Ada Lovelace',
    ...overrides,
  };
}

/** A valid, practically unique UK mobile number (+44 78xx xxxxxx) in E.164. */
export function aPhoneNumber(): string {
  return `+4478${String(randomInt(1e8)).padStart(8, '0')}`;
}

export interface RegisteredUser extends NewUserBody {
  readonly id: string;
}

export async function registerUser(
  http: TestAgent,
  overrides: Partial<NewUserBody> = {},
): Promise<RegisteredUser> {
  const body = aUser(overrides);
  const res = await http.post('/api/v1/auth/register').send(body).expect(201);
  return { ...body, id: res.body.user_id as string };
}

export interface SignedInUser extends RegisteredUser {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Requests carrying this user's access token. */
  readonly api: AuthenticatedRequests;
}

/** Registers and logs in: the one-liner most tests start from. */
export async function aSignedInUser(
  http: TestAgent,
  overrides: Partial<NewUserBody> = {},
): Promise<SignedInUser> {
  const user = await registerUser(http, overrides);
  return signIn(http, user);
}

export async function signIn(http: TestAgent, user: RegisteredUser): Promise<SignedInUser> {
  const credentials = user.email
    ? { email: user.email, password: user.password }
    : { phone_number: user.phone_number, password: user.password };
  const res = await http.post('/api/v1/auth/login').send(credentials).expect(200);
  const accessToken = res.body.access_token as string;
  return {
    ...user,
    accessToken,
    refreshToken: res.body.refresh_token as string,
    api: as(http, accessToken),
  };
}

export type AuthenticatedRequests = ReturnType<typeof as>;

/** The authenticated request helper: `as(http, token).get('/api/v1/users/me')`. */
export function as(http: TestAgent, accessToken: string) {
  const bearer = `Bearer ${accessToken}`;
  return {
    get: (url: string) => http.get(url).set('Authorization', bearer),
    post: (url: string) => http.post(url).set('Authorization', bearer),
    put: (url: string) => http.put(url).set('Authorization', bearer),
    patch: (url: string) => http.patch(url).set('Authorization', bearer),
    delete: (url: string) => http.delete(url).set('Authorization', bearer),
  };
}
