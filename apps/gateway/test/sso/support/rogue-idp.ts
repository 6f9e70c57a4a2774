/**
 * A deliberately misbehaving OpenID Provider for failure tests: it answers discovery, JWKS,
 * authorize and token like an IdP, but signs whatever ID-token claims the test asks for (another
 * audience, another nonce, an expired token), which a real provider never would.
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { freePort } from './ports.js';

export interface RogueIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Edits the ID token's claims (given the honest ones) before signing. */
  tamper: (claims: Record<string, unknown>) => Record<string, unknown>;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export async function startRogueIdp(): Promise<RogueIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'rogue-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce?: string }>();
  const idp: RogueIdp = { issuer, clientId: 'rogue-client', clientSecret: 'rogue-secret-0123456789', tamper: (c) => c, close: async () => undefined };

  const sign = (claims: Record<string, unknown>) => {
    const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'rogue-1' })}.${b64(claims)}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json({ keys: [jwk] });
    if (url.pathname === '/authorize') {
      // Signs the person in at once: no form, straight back with a code.
      const code = randomBytes(16).toString('hex');
      codes.set(code, { nonce: url.searchParams.get('nonce') ?? undefined });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const code = new URLSearchParams(body).get('code') ?? '';
        const pending = codes.get(code);
        codes.delete(code);
        if (!pending) {
          res.writeHead(400, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'unknown code' }));
        }
        const now = Math.floor(Date.now() / 1000);
        const honest = { iss: issuer, aud: idp.clientId, sub: 'rogue-user', email: 'rogue@example.com', iat: now, exp: now + 300, nonce: pending.nonce };
        json({ access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: sign(idp.tamper(honest)) });
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  idp.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return idp;
}
