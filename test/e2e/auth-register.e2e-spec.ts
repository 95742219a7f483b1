import { createTestApp, TestApp } from '@test/support/create-test-app';
import {
  aPhoneNumber,
  aUser,
  registerUser,
  signIn,
  STRONG_PASSWORD,
} from '@test/support/factories';
import { fieldNames } from '@test/support/factories/projects';

const REGISTER = '/api/v1/auth/register';

function fieldsOf(body: { fields?: { field: string; message: string }[] }): string[] {
  return (body.fields ?? []).map((problem) => `${problem.field}: ${problem.message}`);
}

describe('POST /api/v1/auth/register', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  });
  afterAll(() => testApp.close());

  it("answers 201 with the contract's body", async () => {
    const body = aUser();
    const res = await testApp.http.post(REGISTER).send(body).expect(201);
    expect(res.body).toEqual({
      message: 'User registered successfully',
      user_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      user: { id: res.body.user_id, email: body.email, full_name: body.full_name },
    });
  });

  it('registers with a phone number only, or with both, and signs in with either', async () => {
    const phoneOnly = await registerUser(testApp.http, {
      email: undefined,
      phone_number: aPhoneNumber(),
    });
    const me = await (await signIn(testApp.http, phoneOnly)).api.get('/api/v1/users/me');
    expect(me.body).toMatchObject({ email: null, phone_number: phoneOnly.phone_number });

    const both = await registerUser(testApp.http, { phone_number: aPhoneNumber() });
    await signIn(testApp.http, both);
    await signIn(testApp.http, { ...both, email: undefined });
  });

  it('refuses a duplicate email in any letter case with 400 "Email already exists"', async () => {
    const first = await registerUser(testApp.http);
    for (const email of [first.email!, first.email!.toUpperCase(), `  ${first.email!}  `]) {
      const res = await testApp.http.post(REGISTER).send(aUser({ email })).expect(400);
      expect(res.body).toMatchObject({ error: 'Email already exists', code: 'VALIDATION_ERROR' });
      expect(res.body.request_id).toBe(res.headers['x-request-id']);
    }
  });

  it('refuses a duplicate phone number', async () => {
    const phone = aPhoneNumber();
    await registerUser(testApp.http, { email: undefined, phone_number: phone });
    const res = await testApp.http
      .post(REGISTER)
      .send(aUser({ phone_number: phone }))
      .expect(400);
    expect(res.body).toMatchObject({ error: 'Phone number already exists' });
  });

  it('lets exactly one of many concurrent registrations of one email through', async () => {
    const email = aUser().email!;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        testApp.http.post(REGISTER).send(aUser({ email: index % 2 ? email.toUpperCase() : email })),
      ),
    );
    const statuses = attempts.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
  });

  it('lets exactly one of many concurrent phone-only registrations of one number through', async () => {
    const phone = aPhoneNumber();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        testApp.http.post(REGISTER).send(aUser({ email: undefined, phone_number: phone })),
      ),
    );
    expect(attempts.filter((res) => res.status === 201)).toHaveLength(1);
  });

  it('allows many accounts without an email, and many without a phone number', async () => {
    for (let i = 0; i < 3; i++) {
      await registerUser(testApp.http, { email: undefined, phone_number: aPhoneNumber() });
      await registerUser(testApp.http);
    }
  });

  it('names the field and each password rule broken', async () => {
    const cases: [string, string][] = [
      ['Sh0rt', 'password: password must be at least 8 characters long'],
      ['alllowercase1', 'password: password must contain an upper-case letter'],
      ['ALLUPPERCASE1', 'password: password must contain a lower-case letter'],
      ['NoDigitsHere', 'password: password must contain a digit'],
    ];
    for (const [password, rule] of cases) {
      const res = await testApp.http.post(REGISTER).send(aUser({ password })).expect(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      expect(fieldsOf(res.body)).toContain(rule);
      expect(res.body.error).toContain(rule.split(': ')[1]);
    }
  });

  it('lists every rule a password breaks at once', async () => {
    const res = await testApp.http
      .post(REGISTER)
      .send(aUser({ password: 'qzxvk' }))
      .expect(400);
    expect(fieldsOf(res.body)).toEqual([
      'password: password must be at least 8 characters long',
      'password: password must contain an upper-case letter',
      'password: password must contain a digit',
    ]);
  });

  it('refuses a bad email and a phone number that is not valid E.164', async () => {
    for (const email of ['not-an-email', 'a@b', `${'x'.repeat(250)}@example.com`]) {
      const res = await testApp.http.post(REGISTER).send(aUser({ email })).expect(400);
      expect(fieldsOf(res.body).join()).toContain('email');
    }
    for (const phone_number of ['07911123456', '+1 415 555 2671', '+12345', '+15555555555']) {
      const res = await testApp.http.post(REGISTER).send(aUser({ phone_number })).expect(400);
      expect(fieldsOf(res.body)).toContain(
        'phone_number: phone_number must be a valid phone number in E.164 format, e.g. +14155552671',
      );
    }
  });

  it('needs an email or a phone number', async () => {
    const res = await testApp.http
      .post(REGISTER)
      .send({ password: STRONG_PASSWORD, full_name: 'Nobody' })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['email: email or phone_number is required']);
    await testApp.http.post(REGISTER).send({ email: null, password: STRONG_PASSWORD }).expect(400);
  });

  it('refuses operator objects, wrong types and unknown fields before any query', async () => {
    const bodies: Record<string, unknown>[] = [
      { ...aUser(), email: { $gt: '' } },
      { ...aUser(), phone_number: { $ne: null } },
      { ...aUser(), password: { $regex: '.*' } },
      { ...aUser(), password: 123456789 },
      { ...aUser(), full_name: ['a', 'b'] },
      { ...aUser(), is_active: false },
      { ...aUser(), $where: 'sleep(1000)' },
    ];
    for (const body of bodies) {
      const res = await testApp.http.post(REGISTER).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
    }
  });

  it('keeps full_name exactly as sent, refuses a multi-line or blank one, and limits its length', async () => {
    const name = '  <b>Grace</b>   <script>alert(1)</script>Hopper  ';
    const user = await registerUser(testApp.http, { full_name: name });
    const me = await (await signIn(testApp.http, user)).api.get('/api/v1/users/me').expect(200);
    expect(me.body.full_name).toBe(name);

    for (const full_name of ['Grace\nHopper', '   ']) {
      const refused = await testApp.http.post(REGISTER).send(aUser({ full_name })).expect(400);
      expect(fieldNames(refused.body)).toEqual(['full_name']);
    }

    const tooLong = await testApp.http
      .post(REGISTER)
      .send(aUser({ full_name: 'x'.repeat(101) }))
      .expect(400);
    expect(fieldsOf(tooLong.body).join()).toContain('full_name');
  });

  it('keeps the email as typed but matches it in any case at sign-in', async () => {
    const email = `Mixed.Case-${Date.now()}@Example.COM`;
    const user = await registerUser(testApp.http, { email });
    const res = await testApp.http
      .post('/api/v1/auth/login')
      .send({ email: email.toLowerCase(), password: user.password })
      .expect(200);
    expect(res.body.user.email).toBe(email);
  });
});
