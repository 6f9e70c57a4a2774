// What the soak's gateway runs against: a database of its own (created on a Postgres server, dropped
// afterwards), and a workspace with a virtual key, saved configs and a gateway API key created
// through the admin API, so the traffic goes through the control plane's caches and request logs.
import pg from 'pg';

/** Creates an empty database next to `serverUrl`'s and returns its URL and a drop function. */
export async function createDatabase(serverUrl) {
  const name = `aigw_soak_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async query(sql, params) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

async function call(base, method, path, token, body) {
  const response = await fetch(`${base}/admin/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Signs in as the bootstrap admin and creates what the traffic uses. The first fallback target's
 * model is scripted at the mock to answer 429 (not a 5xx, so the circuit breaker stays closed and
 * every request really falls back); the retry config's model is scripted per request.
 */
export async function seedControlPlane(gatewayUrl, mockUrl, { email, password }) {
  const { token } = await call(gatewayUrl, 'POST', '/auth/login', undefined, { email, password });
  const [workspace] = await call(gatewayUrl, 'GET', '/workspaces', token);
  const ws = `/workspaces/${workspace.id}`;
  const vk = await call(gatewayUrl, 'POST', `${ws}/virtual-keys`, token, {
    name: 'Soak mock',
    provider: 'openai',
    secret: { apiKey: 'sk-soak' },
    settings: { customHost: `${mockUrl}/v1` },
  });
  const fallback = await call(gatewayUrl, 'POST', `${ws}/configs`, token, {
    name: 'soak-fallback',
    config: {
      strategy: { mode: 'fallback' },
      targets: [
        { virtual_key: vk.slug, override_params: { model: 'soak-down' } },
        { virtual_key: vk.slug, override_params: { model: 'soak-ok' } },
      ],
    },
  });
  const retry = await call(gatewayUrl, 'POST', `${ws}/configs`, token, {
    name: 'soak-retry',
    config: { virtual_key: vk.slug, retry: { attempts: 2, on_status_codes: [429] } },
  });
  const apiKey = await call(gatewayUrl, 'POST', `${ws}/api-keys`, token, { name: 'soak', kind: 'gateway' });
  return { virtualKey: vk.slug, fallbackConfig: fallback.id, retryConfig: retry.id, apiKey: apiKey.key };
}
