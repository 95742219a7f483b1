import { getModelToken } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Model, Types } from 'mongoose';
import { User } from '@/users/user.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aPhoneNumber, as, aSignedInUser, registerUser, signIn } from '@test/support/factories';

const ME = '/api/v1/users/me';
const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe('User profiles', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  });
  afterAll(() => testApp.close());

  describe('GET /api/v1/users/me', () => {
    it("answers the contract's shape plus phone_number and avatar_url", async () => {
      const user = await aSignedInUser(testApp.http, { phone_number: aPhoneNumber() });
      const res = await user.api.get(ME).expect(200);
      expect(res.body).toEqual({
        id: user.id,
        email: user.email,
        phone_number: user.phone_number,
        full_name: user.full_name,
        avatar_url: null,
        is_active: true,
        created_at: expect.stringMatching(ISO_DATE),
        updated_at: expect.stringMatching(ISO_DATE),
      });
    });

    it('needs an access token', async () => {
      const res = await testApp.http.get(ME).expect(401);
      expect(res.body).toMatchObject({ error: 'Authentication required', code: 'UNAUTHORIZED' });
    });
  });

  describe('PUT /api/v1/users/me', () => {
    it('updates full_name and avatar_url and answers with the profile', async () => {
      const user = await aSignedInUser(testApp.http);
      const before = (await user.api.get(ME)).body;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const res = await user.api
        .put(ME)
        .send({ full_name: 'John Q. Doe', avatar_url: 'https://cdn.example.com/a/new.jpg' })
        .expect(200);
      expect(res.body).toEqual({
        message: 'Profile updated successfully',
        user: {
          ...before,
          full_name: 'John Q. Doe',
          avatar_url: 'https://cdn.example.com/a/new.jpg',
          updated_at: expect.stringMatching(ISO_DATE),
        },
      });
      expect(Date.parse(res.body.user.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
      expect((await user.api.get(ME)).body).toEqual(res.body.user);

      const cleared = await user.api.put(ME).send({ avatar_url: null }).expect(200);
      expect(cleared.body.user).toMatchObject({ avatar_url: null, full_name: 'John Q. Doe' });
    });

    it('is seen at once by every API instance (the profile cache is shared)', async () => {
      const otherInstance = await createTestApp({
        MONGODB_URI: testApp.config.mongo.uri!,
        REDIS_KEY_PREFIX: testApp.config.redis.keyPrefix,
        JWT_SECRET_KEY: testApp.config.auth.jwtSecret,
      });
      try {
        const user = await aSignedInUser(testApp.http);
        const elsewhere = as(otherInstance.http, user.accessToken);
        expect((await elsewhere.get(ME).expect(200)).body.full_name).toBe(user.full_name);
        await user.api.put(ME).send({ full_name: 'Changed Here' }).expect(200);
        expect((await elsewhere.get(ME).expect(200)).body.full_name).toBe('Changed Here');
        await elsewhere.delete(ME).expect(200);
        await user.api.get(ME).expect(401);
      } finally {
        await otherInstance.close();
      }
    });

    it("keeps full_name exactly as sent (escaping is the renderer's job)", async () => {
      const user = await aSignedInUser(testApp.http);
      const name = ' <img src=x onerror=alert(1)>Marie   <i>Curie</i> ';
      const res = await user.api.put(ME).send({ full_name: name }).expect(200);
      expect(res.body.user.full_name).toBe(name);
      expect((await user.api.get(ME).expect(200)).body.full_name).toBe(name);
    });

    it('refuses bad values, unknown fields and operator objects, naming the field', async () => {
      const user = await aSignedInUser(testApp.http);
      const cases: [Record<string, unknown>, string][] = [
        [{ full_name: 'x'.repeat(101) }, 'full_name'],
        [{ full_name: '   ' }, 'full_name'],
        [{ full_name: 'two\nlines' }, 'full_name'],
        [{ full_name: null }, 'full_name'],
        [{ full_name: { $set: { is_active: false } } }, 'full_name'],
        [{ avatar_url: 'javascript:alert(1)' }, 'avatar_url'],
        [{ avatar_url: 'not a url' }, 'avatar_url'],
        [{ email: 'new@example.com' }, 'email'],
        [{ is_active: false }, 'is_active'],
        [{}, 'full_name'],
      ];
      for (const [body, field] of cases) {
        const res = await user.api.put(ME).send(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_ERROR');
        const fields = res.body.fields as { field: string }[];
        expect(fields.map((problem) => problem.field)).toContain(field);
      }
      expect((await user.api.get(ME)).body.full_name).toBe(user.full_name);
    });
  });

  describe('GET /api/v1/users/{user_id}', () => {
    it("shows another user's public profile, without their email or phone number", async () => {
      const viewer = await aSignedInUser(testApp.http);
      const other = await registerUser(testApp.http, { phone_number: aPhoneNumber() });
      const res = await viewer.api.get(`/api/v1/users/${other.id}`).expect(200);
      expect(res.body).toEqual({
        id: other.id,
        email: null,
        full_name: other.full_name,
        avatar_url: null,
        is_active: true,
        created_at: expect.stringMatching(ISO_DATE),
        updated_at: expect.stringMatching(ISO_DATE),
      });
    });

    it('answers 404 "User not found" for an unknown or malformed id, never 500', async () => {
      const viewer = await aSignedInUser(testApp.http);
      for (const id of [
        new Types.ObjectId().toHexString(),
        'nope',
        '123',
        '%24gt',
        'a'.repeat(500),
      ]) {
        const res = await viewer.api.get(`/api/v1/users/${id}`).expect(404);
        expect(res.body).toEqual({
          error: 'User not found',
          code: 'NOT_FOUND',
          request_id: expect.any(String),
        });
      }
    });

    it('needs an access token', async () => {
      const other = await registerUser(testApp.http);
      await testApp.http.get(`/api/v1/users/${other.id}`).expect(401);
    });
  });

  describe('DELETE /api/v1/users/me (soft delete)', () => {
    it('ends every session, stops sign-in, hides the profile and keeps the record', async () => {
      const user = await aSignedInUser(testApp.http, { phone_number: aPhoneNumber() });
      const otherSession = await signIn(testApp.http, user);
      const viewer = await aSignedInUser(testApp.http);

      const res = await user.api.delete(ME).expect(200);
      expect(res.body).toEqual({ message: 'Account deleted successfully' });

      await user.api.get(ME).expect(401);
      await otherSession.api.get(ME).expect(401);
      for (const token of [user.refreshToken, otherSession.refreshToken]) {
        await testApp.http.post('/api/v1/auth/refresh').send({ refresh_token: token }).expect(401);
      }
      const login = await testApp.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(401);
      expect(login.body.error).toBe('Invalid credentials');
      await testApp.http
        .post('/api/v1/auth/login')
        .send({ phone_number: user.phone_number, password: user.password })
        .expect(401);
      await viewer.api.get(`/api/v1/users/${user.id}`).expect(404);

      const users = testApp.app.get<Model<User>>(getModelToken(User.name));
      const kept = await users.findById(user.id).lean<User>();
      expect(kept).toMatchObject({
        email: user.email,
        phone_number: user.phone_number,
        full_name: user.full_name,
        is_active: false,
      });
      expect(kept?.deleted_at).toBeInstanceOf(Date);
    });

    it('keeps a deleted or deactivated account hidden once its cached answer is gone', async () => {
      const users = testApp.app.get<Model<User>>(getModelToken(User.name));
      const redis = testApp.app.get(Redis);
      const viewer = await aSignedInUser(testApp.http);
      const deleted = await aSignedInUser(testApp.http);
      await deleted.api.delete(ME).expect(200);
      const deactivated = await registerUser(testApp.http);
      await viewer.api.get(`/api/v1/users/${deactivated.id}`).expect(200);
      await users.updateOne({ _id: deactivated.id }, { $set: { is_active: false } });
      for (const id of [deleted.id, deactivated.id]) {
        // The cache's "gone" (or profile) lasts a while; after it, the store answers alone.
        await redis.del(`user_profile:${id}`);
        await viewer.api.get(`/api/v1/users/${id}`).expect(404);
      }
    });

    it('frees the email and phone number for a new account', async () => {
      const user = await aSignedInUser(testApp.http, { phone_number: aPhoneNumber() });
      await user.api.delete(ME).expect(200);
      const again = await registerUser(testApp.http, {
        email: user.email!.toUpperCase(),
        phone_number: user.phone_number,
      });
      expect(again.id).not.toBe(user.id);
      await signIn(testApp.http, again);
    });
  });
});
