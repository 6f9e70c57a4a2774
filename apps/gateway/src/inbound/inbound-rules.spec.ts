import { type InboundSettings, InboundRules } from './inbound-rules.js';

const none: InboundSettings = { allow: [], deny: [], trustedProxies: [], allowCountries: [], denyCountries: [] };
const rules = (settings: Partial<InboundSettings>) => new InboundRules({ ...none, ...settings });
const from = (peer: string, forwardedFor?: string, country?: string) => ({ peer, forwardedFor, country });

describe('InboundRules', () => {
  it('is inactive when nothing is configured', () => {
    expect(rules({}).active).toBe(false);
    expect(rules({ trustedProxies: ['10.0.0.0/8'] }).active).toBe(false);
  });

  it('denies listed ranges, IPv4 and IPv6, including IPv4-mapped peers', () => {
    const r = rules({ deny: ['203.0.113.0/24', '2001:db8::/32'] });
    expect(r.decide(from('203.0.113.9'))).toEqual({ allowed: false, client: '203.0.113.9', reason: '203.0.113.9 is in the denied range 203.0.113.0/24' });
    expect(r.decide(from('::ffff:203.0.113.9')).allowed).toBe(false);
    expect(r.decide(from('2001:db8::5')).allowed).toBe(false);
    expect(r.decide(from('198.51.100.1'))).toEqual({ allowed: true, client: '198.51.100.1' });
  });

  it('with an allow list, refuses everything outside it; deny wins over allow', () => {
    const r = rules({ allow: ['10.0.0.0/8', 'fd00::/8'], deny: ['10.9.0.0/16'] });
    expect(r.decide(from('10.1.2.3')).allowed).toBe(true);
    expect(r.decide(from('fd00::1')).allowed).toBe(true);
    expect(r.decide(from('10.9.0.1'))).toMatchObject({ allowed: false, reason: '10.9.0.1 is in the denied range 10.9.0.0/16' });
    expect(r.decide(from('192.0.2.1'))).toMatchObject({ allowed: false, reason: '192.0.2.1 is not in an allowed range' });
  });

  it('reads X-Forwarded-For only from trusted proxies, right to left, skipping them', () => {
    const r = rules({ deny: ['203.0.113.0/24'], trustedProxies: ['10.0.0.0/8'] });
    // Through the proxy: the client is the right-most untrusted hop.
    expect(r.decide(from('10.0.0.2', '203.0.113.9, 10.0.0.7'))).toMatchObject({ allowed: false, client: '203.0.113.9' });
    // A client cannot hide behind an address it writes itself to the left.
    expect(r.decide(from('10.0.0.2', '198.51.100.1, 203.0.113.9'))).toMatchObject({ allowed: false, client: '203.0.113.9' });
    // Not from a trusted proxy: the header is the client's own words, and is ignored.
    expect(r.decide(from('203.0.113.9', '198.51.100.1'))).toMatchObject({ allowed: false, client: '203.0.113.9' });
    // A garbled entry stops the walk: the proxy's own address is what is known.
    expect(r.decide(from('10.0.0.2', '203.0.113.9, not-an-ip'))).toMatchObject({ allowed: true, client: '10.0.0.2' });
  });

  it('believes the country header only from a trusted proxy', () => {
    const r = rules({ trustedProxies: ['127.0.0.1'], countryHeader: 'CF-IPCountry', denyCountries: ['kp'], allowCountries: [] });
    expect(r.decide(from('127.0.0.1', undefined, 'KP'))).toMatchObject({ allowed: false, reason: 'requests from country KP are denied' });
    expect(r.decide(from('198.51.100.1', undefined, 'KP')).allowed).toBe(true);
    const onlyUs = rules({ trustedProxies: ['127.0.0.1'], countryHeader: 'cf-ipcountry', allowCountries: ['US'] });
    expect(onlyUs.decide(from('127.0.0.1', undefined, 'us')).allowed).toBe(true);
    expect(onlyUs.decide(from('127.0.0.1', undefined, 'FR'))).toMatchObject({ allowed: false, reason: 'requests from country FR are not allowed' });
    expect(onlyUs.decide(from('198.51.100.1', undefined, 'US'))).toMatchObject({ allowed: false, reason: 'the client country is unknown' });
  });

  it('names the bad setting at start-up', () => {
    expect(() => rules({ deny: ['10.0.0.0/99'] })).toThrow('GATEWAY_INBOUND_DENY: "10.0.0.0/99" is not an IP address or CIDR range');
    expect(() => rules({ trustedProxies: ['proxy.local'] })).toThrow(/GATEWAY_TRUSTED_PROXIES/);
    expect(() => rules({ allowCountries: ['USA'], countryHeader: 'x-country' })).toThrow(/two-letter country code/);
    expect(() => rules({ denyCountries: ['KP'] })).toThrow(/need GATEWAY_COUNTRY_HEADER/);
  });
});
