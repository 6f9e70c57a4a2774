import type { ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/** The fields of a Google service-account key file this adapter uses. */
export interface ServiceAccount {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
}

/**
 * `vertex_service_account_json` as an object (configs) or a JSON string (the
 * x-portkey-vertex-service-account-json header); undefined when none was given. A malformed one is
 * the client's mistake, reported as a 400 naming the setting.
 */
export function serviceAccount(options: ProviderOptions): ServiceAccount | undefined {
  let raw = options.vertexServiceAccountJson;
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as unknown;
    } catch {
      throw new UnsupportedRequestError('vertex-ai: vertex_service_account_json is not valid JSON');
    }
  }
  if (!raw || typeof raw !== 'object') throw new UnsupportedRequestError('vertex-ai: vertex_service_account_json must be a service account key object');
  const sa = raw as Record<string, unknown>;
  if (typeof sa.client_email !== 'string' || !sa.client_email || typeof sa.private_key !== 'string' || !sa.private_key) {
    throw new UnsupportedRequestError('vertex-ai: vertex_service_account_json needs client_email and private_key (a service account key file)');
  }
  return {
    client_email: sa.client_email,
    private_key: sa.private_key,
    ...(typeof sa.private_key_id === 'string' ? { private_key_id: sa.private_key_id } : {}),
    ...(typeof sa.project_id === 'string' ? { project_id: sa.project_id } : {}),
  };
}
