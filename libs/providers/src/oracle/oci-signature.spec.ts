import { createHash, createVerify, generateKeyPairSync } from 'node:crypto';
import { UnsupportedRequestError } from '../core/types.js';
import { ociCredentials, signOciRequest } from './oci-signature.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const options = { provider: 'oracle', oracleTenancy: 'ocid1.tenancy.oc1..aaa', oracleUser: 'ocid1.user.oc1..bbb', oracleFingerprint: '20:3b:97:13', oraclePrivateKey: PEM };
const NOW = new Date('2026-01-02T03:04:05Z');
const URL_ = 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/20231130/actions/chat';

function parts(authorization: string): Record<string, string> {
  return Object.fromEntries([...authorization.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe('OCI request signing', () => {
  it('signs date, target, host, length, type and body hash, verifiable with the public key', () => {
    const body = '{"compartmentId":"ocid1.compartment.oc1..c"}';
    const headers = signOciRequest({ method: 'POST', url: URL_, headers: {}, body }, ociCredentials(options), NOW);
    expect(headers.date).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
    expect(headers['x-content-sha256']).toBe(createHash('sha256').update(body).digest('base64'));
    expect(headers['content-length']).toBe(String(Buffer.byteLength(body)));
    const p = parts(headers.authorization);
    expect(headers.authorization.startsWith('Signature version="1",')).toBe(true);
    expect(p).toMatchObject({ keyId: 'ocid1.tenancy.oc1..aaa/ocid1.user.oc1..bbb/20:3b:97:13', algorithm: 'rsa-sha256', headers: 'date (request-target) host content-length content-type x-content-sha256' });
    const signingString = [
      `date: ${headers.date}`,
      '(request-target): post /20231130/actions/chat',
      'host: inference.generativeai.us-chicago-1.oci.oraclecloud.com',
      `content-length: ${headers['content-length']}`,
      'content-type: application/json',
      `x-content-sha256: ${headers['x-content-sha256']}`,
    ].join('\n');
    expect(createVerify('RSA-SHA256').update(signingString).verify(publicKey, p.signature, 'base64')).toBe(true);
  });

  it('signs only date, target and host for a GET', () => {
    const headers = signOciRequest({ method: 'GET', url: `${URL_}?limit=1`, headers: {}, body: '' }, ociCredentials(options), NOW);
    expect(parts(headers.authorization).headers).toBe('date (request-target) host');
    expect(headers['x-content-sha256']).toBeUndefined();
  });

  it('accepts a key pasted on one line', () => {
    const oneLine = PEM.replace(/\n/g, ' ');
    const headers = signOciRequest({ method: 'GET', url: URL_, headers: {}, body: '' }, ociCredentials({ ...options, oraclePrivateKey: oneLine }), NOW);
    expect(headers.authorization).toMatch(/signature="[A-Za-z0-9+/=]+"/);
  });

  it('refuses incomplete credentials', () => {
    expect(() => ociCredentials({ provider: 'oracle', oracleTenancy: 't' })).toThrow(UnsupportedRequestError);
  });
});
