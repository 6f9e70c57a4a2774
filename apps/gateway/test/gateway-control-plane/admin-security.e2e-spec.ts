import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * The admin surface, attacked: security headers on every admin response, sign-in throttling and
 * lockout, no way to tell a wrong password from an unknown account, and no session fixation.
 * (CSRF refusal and session revocation: test/control-plane/sessions-csrf.spec.ts.)
 */
const OWNER = { email: 'owner@example.com', password: 'correct-horse-battery-staple' };
let db: TestDatabase;
let gateway: ControlPlaneGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startControlPlaneGateway(db.url, { controlPlane: { adminApi: true, bootstrapAdmin: OWNER } });
});
afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const api = (path: string) => `${gateway.url}/admin/api/v1${path}`;

function login(email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(api('/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: gateway.url, ...headers },
    body: JSON.stringify({ email, password }),
  });
}

function sessionCookieOf(response: Response): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith('aigw_admin_session='))?.split(';')[0];
}

describe('security headers', () => {
  it('on admin API answers: no framing, no sniffing, no caching, no referrer', async () => {
    const response = await fetch(api('/auth/me'));
    expect(response.status).toBe(401);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('HSTS once the admin surface is reached over TLS (through a proxy that says so)', async () => {
    const response = await fetch(api('/auth/me'), { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('not on the gateway API, which is not a browser surface', async () => {
    const response = await fetch(`${gateway.url}/health`);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });
});

describe('sign-in', () => {
  it('says the same for an unknown account and a wrong password', async () => {
    const unknown = await login('nobody@example.com', 'whatever-password-1');
    const wrong = await login(OWNER.email, 'wrong-password-123');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('is not open to session fixation: a planted cookie is never adopted, each sign-in gets a new session', async () => {
    const planted = 'aigw_admin_session=sess_attacker_chosen_value';
    const first = await login(OWNER.email, OWNER.password, { cookie: planted });
    expect(first.status).toBe(200);
    const issued = sessionCookieOf(first);
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    expect((await fetch(api('/auth/me'), { headers: { cookie: planted } })).status).toBe(401);
    expect((await fetch(api('/auth/me'), { headers: { cookie: issued! } })).status).toBe(200);
    const second = await login(OWNER.email, OWNER.password, { cookie: issued! });
    expect(sessionCookieOf(second)).not.toBe(issued);
  });

  it('locks an account after 5 failed attempts, even for the right password, with retry-after', async () => {
    for (let i = 0; i < 5; i++) expect((await login(OWNER.email, `guess-number-${i}`)).status).toBe(401);
    const locked = await login(OWNER.email, OWNER.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await locked.json()).toEqual({ status: 'failure', message: 'Too many failed sign-ins for this account; try again in 15 minute(s)' });
  });

  it('locks an unknown account the same way, so the lock reveals nothing', async () => {
    for (let i = 0; i < 5; i++) await login('ghost@example.com', `guess-number-${i}`);
    const locked = await login('ghost@example.com', 'another-guess-1');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/for this account/);
  });
});
