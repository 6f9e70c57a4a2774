/** The claim → role and email rules, without an IdP: the shapes Okta, Entra ID, Google and Keycloak send. */
import { checkedEmail, mapRole } from '../../src/control-plane/sso/role-mapping.js';

describe('SSO role mapping and email rules', () => {
  const settings = {
    groupsClaim: 'groups',
    defaultRole: null,
    allowedDomains: [],
    roleMappings: [
      { value: 'gw-viewers', role: 'viewer' as const },
      { value: 'gw-admins', role: 'admin' as const },
      { value: 'gw-devs', role: 'member' as const },
      { claim: 'realm_access.roles', value: 'gateway-owner', role: 'owner' as const },
      { claim: 'hd', value: 'acme.com', role: 'viewer' as const },
    ],
  };

  it('picks the highest role among matching rules, whatever their order', () => {
    expect(mapRole({ groups: ['gw-viewers', 'gw-admins', 'gw-devs'] }, settings)).toBe('admin');
    expect(mapRole({ groups: ['gw-devs'] }, settings)).toBe('member');
  });

  it('reads nested claims (Keycloak realm roles) and single-string claims (Google hd)', () => {
    expect(mapRole({ realm_access: { roles: ['offline_access', 'gateway-owner'] } }, settings)).toBe('owner');
    expect(mapRole({ hd: 'acme.com' }, settings)).toBe('viewer');
    expect(mapRole({ groups: 'gw-admins' }, settings)).toBe('admin');
  });

  it('falls back to the default role, or none', () => {
    expect(mapRole({ groups: ['sales'] }, settings)).toBeNull();
    expect(mapRole({ groups: ['sales'] }, { ...settings, defaultRole: 'viewer' })).toBe('viewer');
    expect(mapRole({ __proto__: { groups: ['gw-admins'] } } as never, settings)).toBeNull(); // own claims only
  });

  it('needs an email the IdP does not call unverified, in an allowed domain', () => {
    expect(checkedEmail({ email: 'Ann@Acme.com' }, { allowedDomains: ['acme.com'] })).toBe('ann@acme.com');
    expect(checkedEmail({ email: 'ann@acme.com' }, { allowedDomains: [] })).toBe('ann@acme.com'); // Entra: no email_verified at all
    expect(() => checkedEmail({ email: 'ann@acme.com', email_verified: false }, { allowedDomains: [] })).toThrow('is not verified');
    expect(() => checkedEmail({ email: 'ann@evil.acme.com.example' }, { allowedDomains: ['acme.com'] })).toThrow('not an allowed email domain');
    expect(() => checkedEmail({ preferred_username: 'ann' }, { allowedDomains: [] })).toThrow('did not return an email address');
  });
});
