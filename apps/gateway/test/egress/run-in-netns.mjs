#!/usr/bin/env node
/**
 * Runs the egress suite (test/egress/*.netns-spec.ts) inside a fresh network + mount namespace:
 * the only interface is a loopback that carries private, shared, link-local and IPv6 aliases, and
 * /etc/resolv.conf and /etc/hosts are bind-mounted (in the namespace only) so names resolve
 * through the suite's stub DNS server on 127.0.0.1:53. The namespace has no route out, so no
 * connection can leave the machine whatever the gateway does.
 *
 * Needs root (or CAP_SYS_ADMIN) for unshare; elsewhere it says why it skipped and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const IPV4_ALIASES = ['10.77.0.1', '192.168.77.1', '172.16.77.1', '100.64.77.1', '169.254.169.254', '11.77.0.1'];
const IPV6_ALIASES = ['fd77::1', 'fd00:ec2::254', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1', '::a9fe:a9fe'];

function skip(why) {
  console.log(`egress suite SKIPPED: ${why}. It needs network namespaces (run as root on Linux, as CI does).`);
  process.exit(0);
}

if (process.platform !== 'linux') skip('not Linux');
if (process.getuid?.() !== 0) skip('not running as root');
const probe = spawnSync('unshare', ['--net', '--mount', 'ip', 'link', 'set', 'lo', 'up'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) skip(`unshare --net --mount failed (${(probe.error?.message ?? probe.stderr).trim()})`);

const scratch = mkdtempSync(join(tmpdir(), 'aigw-netns-'));
writeFileSync(join(scratch, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
writeFileSync(join(scratch, 'hosts'), '127.0.0.1 localhost\n::1 localhost\n');

const jest = join(dirname(createRequire(join(projectDir, 'package.json')).resolve('jest/package.json')), 'bin/jest.js');
const setup = [
  'set -e',
  'ip link set lo up',
  ...IPV4_ALIASES.map((a) => `ip addr add ${a}/32 dev lo`),
  ...IPV6_ALIASES.map((a) => `ip -6 addr add ${a}/128 dev lo`),
  `mount --bind ${scratch}/resolv.conf /etc/resolv.conf`,
  `mount --bind ${scratch}/hosts /etc/hosts`,
  `exec node --experimental-vm-modules ${jest} --config jest.egress.config.cjs --runInBand ${process.argv.slice(2).map((a) => `'${a}'`).join(' ')}`,
].join('\n');

const run = spawnSync('unshare', ['--net', '--mount', 'bash', '-c', setup], {
  cwd: projectDir,
  stdio: 'inherit',
  env: { ...process.env, EGRESS_NETNS: '1' },
});
rmSync(scratch, { recursive: true, force: true });
process.exit(run.status ?? 1);
