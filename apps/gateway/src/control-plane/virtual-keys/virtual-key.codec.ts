/**
 * Between stored virtual keys and what the gateway and the admin API see: sealing the secret
 * fields, the masked hint, and the ProviderOptions handed to the provider adapter.
 */
import type { ProviderOptions } from '@aigw/providers';
import type { SecretBox } from '../crypto/secret-box.js';
import { maskSecret } from '../crypto/tokens.js';
import type { VirtualKeySecret, VirtualKeySettings } from './virtual-key.schema.js';

/** The ciphertext is bound to the slug: copied onto another key's row it does not decrypt. */
function associatedData(slug: string): string {
  return `virtual-key:${slug}`;
}

export function sealSecret(box: SecretBox, slug: string, secret: VirtualKeySecret): Uint8Array<ArrayBuffer> {
  // A fresh ArrayBuffer-backed copy: what Prisma's Bytes fields are typed to accept.
  return Uint8Array.from(box.seal(JSON.stringify(secret), associatedData(slug)));
}

export function openSecret(box: SecretBox, slug: string, sealed: Uint8Array): VirtualKeySecret {
  return JSON.parse(box.open(sealed, associatedData(slug))) as VirtualKeySecret;
}

/** The masked form of the main credential, for lists and detail views. */
export function secretHint(secret: VirtualKeySecret): string {
  if (secret.apiKey) return maskSecret(secret.apiKey);
  if (secret.awsAccessKeyId) return maskSecret(secret.awsAccessKeyId);
  const account = secret.vertexServiceAccountJson as { client_email?: unknown } | undefined;
  if (typeof account?.client_email === 'string') return `service account ${account.client_email}`;
  if (secret.azureAdToken) return maskSecret(secret.azureAdToken);
  // Never a fragment of a private key, even masked.
  if (secret.oraclePrivateKey) return 'OCI signing key';
  return '(no secret)';
}

export function toProviderOptions(provider: string, settings: unknown, secret: VirtualKeySecret): ProviderOptions {
  const plain = (settings && typeof settings === 'object' ? settings : {}) as VirtualKeySettings;
  return { ...plain, ...secret, provider };
}
