import { DEFAULT_TRUSTED_HOSTS, DEFAULT_VIRTUAL_KEY_RANGES, EgressPolicy } from './egress-policy.js';

const policy = new EgressPolicy({ trustedHosts: DEFAULT_TRUSTED_HOSTS, virtualKeyRanges: DEFAULT_VIRTUAL_KEY_RANGES });

/** What the gateway sees of a custom host: the WHATWG URL parser's hostname, as undici dials it. */
function hostOf(customHost: string): string {
  return new URL(customHost).hostname;
}

function verdict(customHost: string, trust: 'caller' | 'virtual-key' = 'caller'): string {
  const result = policy.checkHost(hostOf(customHost), trust);
  return result.kind === 'refused' ? `refused: ${result.error.message}` : result.kind;
}

describe('EgressPolicy.checkHost (literal addresses, before any DNS)', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://169.254.169.254./', 'link-local'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://[::ffff:a9fe:a9fe]/', 'link-local'],
    ['http://[::169.254.169.254]/', 'link-local'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'link-local'],
    ['http://0xa9fea9fe/', 'link-local'],
    ['http://2852039166/', 'link-local'],
    ['http://0251.0376.0251.0376/', 'link-local'],
    ['http://169.254.43518/', 'link-local'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'link-local'],
    ['http://[2002:a9fe:a9fe::1]/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://10.77.0.1:8080/v1', 'private'],
    ['http://012.77.0.1/', 'private'],
    ['http://10.5046337/', 'private'],
    ['http://192.168.77.1/', 'private'],
    ['http://172.16.77.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://[fd00:ec2::254]/', 'private'],
    ['http://[fc00::1]/', 'private'],
    ['http://[::ffff:0:a4d:1]/', 'private'],
    ['http://100.64.77.1/', 'shared (carrier-grade NAT)'],
    ['http://0.0.0.0:8080/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://127.0.0.2/', 'loopback'],
    ['http://[::ffff:127.0.0.2]/', 'loopback'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'reserved'],
    ['http://198.18.0.1/', 'reserved'],
    ['http://192.0.2.10/', 'documentation'],
    // Teredo: server 65.54.227.120, client 10.77.0.1 stored inverted (f5b2:fffe).
    ['http://[2001:0:4136:e378:8000:63bf:f5b2:fffe]/', 'private'],
    ['http://[fe80::5efe:10.77.0.1]/', 'link-local'],
    ['http://[2001:4860::5efe:a4d:1]/', 'private'],
  ])('refuses %s for a caller (%s)', (customHost, category) => {
    expect(verdict(customHost)).toMatch(new RegExp(`^refused: .*a ${category.replace(/[()]/g, '\\$&')} address`));
  });

  it.each(['http://metadata.google.internal/computeMetadata/v1', 'http://METADATA.GOOGLE.INTERNAL./', 'http://metadata/', 'http://instance-data.ec2.internal/'])(
    'refuses the metadata host name %s, even before DNS',
    (customHost) => {
      expect(verdict(customHost)).toMatch(/^refused: .*cloud metadata service/);
      expect(verdict(customHost, 'virtual-key')).toMatch(/^refused/);
    },
  );

  it('allows public literal addresses and leaves names to the connect-time check', () => {
    expect(verdict('https://8.8.8.8/v1')).toBe('trusted');
    expect(verdict('https://[2606:4700::1111]/v1')).toBe('trusted');
    expect(verdict('https://api.openai.com/v1')).toBe('check-addresses');
    expect(verdict('https://llm.internal.example/v1')).toBe('check-addresses');
  });

  it('trusts loopback by default (local models), as written in TRUSTED_CUSTOM_HOSTS', () => {
    expect(verdict('http://127.0.0.1:11434')).toBe('trusted');
    expect(verdict('http://localhost:11434')).toBe('trusted');
    expect(verdict('http://localhost.:11434')).toBe('trusted');
    expect(verdict('http://[::1]:11434')).toBe('trusted');
    expect(verdict('http://127.1:11434')).toBe('trusted');
  });

  it('lets a virtual key reach the configured private ranges, never link-local or metadata', () => {
    expect(verdict('http://10.77.0.1/', 'virtual-key')).toBe('trusted');
    expect(verdict('http://192.168.77.1/', 'virtual-key')).toBe('trusted');
    expect(verdict('http://[fd12::1]/', 'virtual-key')).toBe('trusted');
    expect(verdict('http://169.254.169.254/', 'virtual-key')).toMatch(/^refused: .*virtual keys may reach only/);
    expect(verdict('http://[::ffff:a9fe:a9fe]/', 'virtual-key')).toMatch(/^refused/);
    expect(verdict('http://0.0.0.0/', 'virtual-key')).toMatch(/^refused/);
  });

  it('names the address, its range and the embedding form in the refusal', () => {
    expect(verdict('http://[64:ff9b::a9fe:a9fe]/')).toBe(
      'refused: The gateway refused to connect to [64:ff9b::a9fe:a9fe]: it is a link-local address in 169.254.0.0/16 (carried in a NAT64 address); a caller-chosen host may reach only public addresses and TRUSTED_CUSTOM_HOSTS',
    );
  });
});

describe('EgressPolicy.checkAddress (the address a name resolved to)', () => {
  it('refuses a public-looking name that resolves to a private address, naming both', () => {
    expect(policy.checkAddress('10.77.0.1', 'rebind.example', 'caller')?.message).toBe(
      'The gateway refused to connect to rebind.example: rebind.example resolves to 10.77.0.1, a private address in 10.0.0.0/8; a caller-chosen host may reach only public addresses and TRUSTED_CUSTOM_HOSTS',
    );
    expect(policy.checkAddress('::ffff:169.254.169.254', 'x.example', 'caller')).toBeDefined();
    expect(policy.checkAddress('93.184.216.34', 'x.example', 'caller')).toBeUndefined();
  });

  it('accepts trusted addresses and CIDR ranges from TRUSTED_CUSTOM_HOSTS, and *.suffix names', () => {
    const custom = new EgressPolicy({ trustedHosts: ['10.20.0.0/16', '*.corp.example', 'vllm.lan', '[fd00::7]'], virtualKeyRanges: [] });
    expect(custom.checkAddress('10.20.3.4', 'gpu.example', 'caller')).toBeUndefined();
    expect(custom.checkAddress('10.21.3.4', 'gpu.example', 'caller')).toBeDefined();
    expect(custom.checkAddress('fd00::7', 'x', 'caller')).toBeUndefined();
    expect(custom.checkHost('models.corp.example', 'caller').kind).toBe('trusted');
    expect(custom.checkHost('corp.example.evil.com', 'caller').kind).toBe('check-addresses');
    expect(custom.checkHost('vllm.lan', 'caller').kind).toBe('trusted');
    // With an empty virtual-key list, an admin-stored host is held to the caller's rules.
    expect(custom.checkAddress('192.168.1.1', 'x', 'virtual-key')).toBeDefined();
    // Loopback is trusted only because the default list says so.
    expect(custom.checkHost('127.0.0.1', 'caller').kind).toBe('refused');
  });

  it('rejects a malformed virtual-key range at start-up', () => {
    expect(() => new EgressPolicy({ trustedHosts: [], virtualKeyRanges: ['10.0.0.0/33'] })).toThrow('GATEWAY_VIRTUAL_KEY_HOST_RANGES: "10.0.0.0/33" is not a valid CIDR range');
  });
});
