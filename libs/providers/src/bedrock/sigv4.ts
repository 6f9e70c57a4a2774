import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for one HTTP request, header-based, with node:crypto only.
 *
 * Signed: `host` (from the URL), `x-amz-date`, the caller's `headers` (lower-cased, values trimmed
 * and inner whitespace collapsed), the session token as `x-amz-security-token` when there is one,
 * and `x-amz-content-sha256` when asked. Only the headers passed in are signed, on purpose: proxies
 * and the HTTP client may add or rewrite others (user-agent, accept-encoding, content-length), and
 * a signed header that changes in flight breaks the signature.
 *
 * Canonical URI: every path segment is URI-encoded once more on top of how it travels (the rule
 * for all services but S3). A Bedrock model id `…-v1:0` travels as `…-v1%3A0` and is signed as
 * `…-v1%253A0`; signing the single-encoded form is the classic "signature does not match" bug.
 * Dot segments are not normalised here: `new URL` already resolves them for http(s) URLs.
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  url: string;
  /** Headers to sign besides host and x-amz-date; they must be sent exactly as given. */
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface SigV4Options {
  region: string;
  service: string;
  credentials: AwsCredentials;
  now: Date;
  /** Also send and sign `x-amz-content-sha256` (S3 requires it; harmless elsewhere). */
  contentSha256Header?: boolean;
}

export interface SigV4Result {
  /** Headers to add to the request: authorization, x-amz-date and the optional ones. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

export function signV4(request: SigV4Request, options: SigV4Options): SigV4Result {
  const url = new URL(request.url);
  const amzDate = toAmzDate(options.now);
  const scope = `${amzDate.slice(0, 8)}/${options.region}/${options.service}/aws4_request`;
  const payloadHash = sha256Hex(request.body);

  const added: Record<string, string> = { 'x-amz-date': amzDate };
  if (options.credentials.sessionToken) added['x-amz-security-token'] = options.credentials.sessionToken;
  if (options.contentSha256Header) added['x-amz-content-sha256'] = payloadHash;

  const signed = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) signed.set(name.toLowerCase(), canonicalValue(value));
  signed.set('host', url.host);
  for (const [name, value] of Object.entries(added)) signed.set(name, value);
  const names = [...signed.keys()].sort();
  const signedHeaders = names.join(';');

  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(url.search),
    names.map((n) => `${n}:${signed.get(n)}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(options.credentials.secretAccessKey, amzDate.slice(0, 8), options.region, options.service);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');

  return {
    headers: {
      ...added,
      authorization: `${ALGORITHM} Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    canonicalRequest,
    stringToSign,
    signedHeaders,
    signature,
  };
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date, 'utf8').digest();
  const kRegion = createHmac('sha256', kDate).update(region, 'utf8').digest();
  const kService = createHmac('sha256', kRegion).update(service, 'utf8').digest();
  return createHmac('sha256', kService).update('aws4_request', 'utf8').digest();
}

/** `20150830T123600Z`: ISO 8601 basic format, UTC, no milliseconds. */
export function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Header values are trimmed and runs of spaces collapsed to one, as the spec requires. */
function canonicalValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ (encodeURIComponent also spares !'()*). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(pathname: string): string {
  if (!pathname || pathname === '/') return '/';
  return pathname
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
}

/**
 * The query as sent, each name and value decoded then re-encoded the RFC 3986 way, sorted by name
 * then value. `+` is kept literal (AWS does not read it as a space).
 */
function canonicalQuery(search: string): string {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (!query) return '';
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [uriEncode(safeDecode(name)), uriEncode(safeDecode(value))] as const;
    })
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
