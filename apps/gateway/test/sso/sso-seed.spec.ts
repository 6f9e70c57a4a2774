/**
 * An SSO connection seeded from SSO_* environment variables on first start: created once in the
 * bootstrap owner's workspace with its secret sealed, left alone on later starts (console edits
 * survive restarts), and bad variables stop start-up with a message that never shows the secret.
 */
import { ssoOptionsFromEnv } from '../../src/control-plane/sso/sso.options.js';
import { startAdminApp, testOptions } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';

const OWNER = { email: 'owner@example.com', password: 'a-long-owner-password' };
const SECRET = 'seeded-client-secret-0123456789';
const ENV = {
  SSO_NAME: 'Okta',
  SSO_ISSUER_URL: 'https://acme.okta.com',
  SSO_CLIENT_ID: '0oa1seeded',
  SSO_CLIENT_SECRET: SECRET,
  SSO_SCOPES: 'openid email profile groups',
  SSO_ROLE_MAPPINGS: 'gateway-admins=admin,gateway-devs=member',
  SSO_DEFAULT_ROLE: 'viewer',
  SSO_ALLOWED_DOMAINS: 'acme.com, acme.co.uk',
};

describe('SSO connection seeded from the environment', () => {
  let db: TestDatabase;
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    process.env = saved;
    await db?.drop();
  });

  it('is created on first start in the bootstrap workspace, and not again (nor overwritten) on the next', async () => {
    Object.assign(process.env, ENV);
    const options = testOptions(db.url, { bootstrapAdmin: OWNER });
    let app = await startAdminApp(options);
    const login = await app.inject({ method: 'POST', url: '/admin/api/v1/auth/login', payload: OWNER });
    const token = JSON.parse(login.body).token as string;
    const auth = { authorization: `Bearer ${token}` };
    const me = JSON.parse((await app.inject({ method: 'GET', url: '/admin/api/v1/auth/me', headers: auth })).body);
    const workspaceId = me.workspaces[0].id as string;
    const list = JSON.parse((await app.inject({ method: 'GET', url: `/admin/api/v1/workspaces/${workspaceId}/sso/connections`, headers: auth })).body);
    expect(list.connections).toEqual([
      expect.objectContaining({
        name: 'Okta',
        issuer: 'https://acme.okta.com',
        clientId: '0oa1seeded',
        scopes: ['openid', 'email', 'profile', 'groups'],
        roleMappings: [
          { value: 'gateway-admins', role: 'admin' },
          { value: 'gateway-devs', role: 'member' },
        ],
        defaultRole: 'viewer',
        allowedDomains: ['acme.com', 'acme.co.uk'],
      }),
    ]);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    const id = list.connections[0].id as string;
    await app.inject({ method: 'PATCH', url: `/admin/api/v1/workspaces/${workspaceId}/sso/connections/${id}`, headers: auth, payload: { name: 'Okta (edited)' } });
    await app.close();

    app = await startAdminApp({ ...options, masterKey: options.masterKey });
    const again = JSON.parse((await app.inject({ method: 'GET', url: `/admin/api/v1/workspaces/${workspaceId}/sso/connections`, headers: auth })).body);
    expect(again.connections.map((c: { id: string; name: string }) => [c.id, c.name])).toEqual([[id, 'Okta (edited)']]);
    await app.close();
  });

  it('stops start-up on a bad variable, naming it and never showing the secret', () => {
    expect(() => ssoOptionsFromEnv({ ...ENV, SSO_ISSUER_URL: 'http://acme.okta.com' })).toThrow(/^SSO_ISSUER_URL: must be an https URL/);
    expect(() => ssoOptionsFromEnv({ ...ENV, SSO_CLIENT_SECRET: undefined })).toThrow('SSO_CLIENT_SECRET: is required with SSO_ISSUER_URL');
    expect(() => ssoOptionsFromEnv({ ...ENV, SSO_DEFAULT_ROLE: 'god' })).toThrow(/^SSO_DEFAULT_ROLE/);
    expect(() => ssoOptionsFromEnv({ ...ENV, SSO_SCOPES: 'email' })).toThrow(/^SSO_SCOPES: must include openid/);
    const bad = [{ SSO_ROLE_MAPPINGS: 'x=nope' }, { SSO_ISSUER_URL: SECRET }, { SSO_CLIENT_SECRET: '' }];
    for (const override of bad) {
      let message = '';
      try {
        ssoOptionsFromEnv({ ...ENV, ...override });
      } catch (error) {
        message = String(error);
      }
      expect(message).toMatch(/SSO_/);
      expect(message).not.toContain(SECRET);
    }
    expect(ssoOptionsFromEnv({ GATEWAY_PUBLIC_URL: 'https://gw.example.com/' })).toEqual({ publicUrl: 'https://gw.example.com' });
  });
});
