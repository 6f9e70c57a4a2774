/**
 * docker/compose.yaml and docker/nginx.conf, read statically (no container engine here): two
 * gateway replicas built from docker/Dockerfile with the same database, Redis and master key,
 * started after healthy Postgres and Redis, and nginx balancing over both on the port the image
 * listens on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseDockerfile, parseEnv } from './support/dockerfile.js';

const DOCKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docker');
const compose = parse(readFileSync(path.join(DOCKER, 'compose.yaml'), 'utf8'), { merge: true });
const nginx = readFileSync(path.join(DOCKER, 'nginx.conf'), 'utf8');
const finalStage = parseDockerfile(readFileSync(path.join(DOCKER, 'Dockerfile'), 'utf8')).at(-1)!;
const imagePort = parseEnv(finalStage.instructions.find((i) => i.op === 'ENV')!.args, 0).PORT;
const gateways = Object.entries<any>(compose.services).filter(([, s]) => s.build?.dockerfile === 'docker/Dockerfile');

describe('docker/compose.yaml', () => {
  it('runs two gateway replicas from the Dockerfile, sharing Postgres, Redis and the master key', () => {
    expect(gateways.map(([name]) => name)).toHaveLength(2);
    const [first, second] = gateways.map(([, s]) => s.environment);
    expect(first).toEqual(second);
    expect(first.DATABASE_URL).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
    expect(first.REDIS_URL).toBe('redis://redis:6379');
    expect(first.GATEWAY_MASTER_KEY).toMatch(/^\$\{GATEWAY_MASTER_KEY:\?/); // required, never a default
    for (const [, s] of gateways) expect(s.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(compose.services.postgres.healthcheck).toBeDefined();
    expect(compose.services.redis.healthcheck).toBeDefined();
  });

  it('puts nginx in front of both, on the port the image listens on, waiting for their health checks', () => {
    const lb = compose.services.lb;
    expect(lb.image).toMatch(/^nginx:/);
    expect(lb.volumes).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(Object.keys(lb.depends_on).sort()).toEqual(gateways.map(([name]) => name).sort());
    for (const name of Object.keys(lb.depends_on)) expect(lb.depends_on[name]).toEqual({ condition: 'service_healthy' });
    const upstream = /upstream gateway \{([^}]*)\}/.exec(nginx)![1]!;
    const servers = [...upstream.matchAll(/server\s+([\w-]+):(\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(servers.sort()).toEqual(gateways.map(([name]) => `${name}:${imagePort}`).sort());
    expect(nginx).toMatch(/proxy_pass http:\/\/gateway;/);
    expect(nginx).toMatch(/proxy_buffering off;/); // streams reach the client chunk by chunk
  });

  it('the image those replicas run has a HEALTHCHECK (what service_healthy waits for)', () => {
    expect(finalStage.instructions.some((i) => i.op === 'HEALTHCHECK')).toBe(true);
  });
});
