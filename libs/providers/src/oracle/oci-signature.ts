import { createHash, createSign } from 'node:crypto';
import type { ProviderOptions, SignableRequest } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * OCI request signing (API signing keys): an HTTP Signature (draft-cavage, `rsa-sha256`) over
 * `date`, `(request-target)`, `host` and, for requests with a body, `content-length`,
 * `content-type` and `x-content-sha256` (base64 SHA-256 of the exact bytes). The key id is
 * `<tenancy OCID>/<user OCID>/<key fingerprint>`. Pure: the clock comes in as `now`.
 */
export interface OciCredentials {
  tenancy: string;
  user: string;
  fingerprint: string;
  privateKey: string;
  passphrase?: string;
}

export function ociCredentials(options: ProviderOptions): OciCredentials {
  const tenancy = text(options.oracleTenancy);
  const user = text(options.oracleUser);
  const fingerprint = text(options.oracleFingerprint);
  const privateKey = text(options.oraclePrivateKey);
  if (!tenancy || !user || !fingerprint || !privateKey) {
    throw new UnsupportedRequestError('oracle needs an OCI API signing key: oracle_tenancy, oracle_user, oracle_fingerprint and oracle_private_key (x-portkey-oracle-* headers)');
  }
  const passphrase = text(options.oracleKeyPassphrase);
  return { tenancy, user, fingerprint, privateKey: pem(privateKey), ...(passphrase ? { passphrase } : {}) };
}

export function signOciRequest(request: SignableRequest, credentials: OciCredentials, now: Date): Record<string, string> {
  const url = new URL(request.url);
  const method = request.method.toLowerCase();
  const headers: Record<string, string> = { date: now.toUTCString() };
  const lines = [`date: ${headers.date}`, `(request-target): ${method} ${url.pathname}${url.search}`, `host: ${url.host}`];
  const names = ['date', '(request-target)', 'host'];
  if (method === 'post' || method === 'put' || method === 'patch') {
    const body = Buffer.from(request.body, 'utf8');
    headers['content-length'] = String(body.length);
    headers['content-type'] = 'application/json';
    headers['x-content-sha256'] = createHash('sha256').update(body).digest('base64');
    for (const name of ['content-length', 'content-type', 'x-content-sha256']) {
      lines.push(`${name}: ${headers[name]}`);
      names.push(name);
    }
  }
  const signer = createSign('RSA-SHA256');
  signer.update(lines.join('\n'));
  const signature = signer.sign(credentials.passphrase ? { key: credentials.privateKey, passphrase: credentials.passphrase } : credentials.privateKey, 'base64');
  const keyId = `${credentials.tenancy}/${credentials.user}/${credentials.fingerprint}`;
  headers.authorization = `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`;
  return headers;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Keys pasted into a header lose their line breaks (or carry them as `\\n`); PEM needs them back. */
function pem(key: string): string {
  const unescaped = key.replace(/\\n/g, '\n');
  if (unescaped.includes('\n')) return unescaped;
  const match = /^(-----BEGIN [A-Z ]+-----)\s*(.+?)\s*(-----END [A-Z ]+-----)$/.exec(unescaped.trim());
  if (!match) return unescaped;
  const body = match[2].replace(/\s+/g, '').match(/.{1,64}/g)?.join('\n') ?? '';
  return `${match[1]}\n${body}\n${match[3]}\n`;
}
