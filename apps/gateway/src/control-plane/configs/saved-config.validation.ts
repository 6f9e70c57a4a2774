/**
 * Validation of a config before it is saved: the shared schema (so the admin API reports exactly
 * the errors the gateway would), plus two rules of our own for stored configs: no raw provider
 * secrets (they belong in virtual keys, encrypted), and every `virtual_key` must exist in the
 * workspace.
 */
import { parseConfig, type ConfigNode } from '@aigw/config-schema';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane.errors.js';

/** Config fields that hold credentials, camelCase as parseConfig returns them, with their wire names. */
const SECRET_FIELDS: Record<string, string> = {
  apiKey: 'api_key',
  awsAccessKeyId: 'aws_access_key_id',
  awsSecretAccessKey: 'aws_secret_access_key',
  awsSessionToken: 'aws_session_token',
  azureAdToken: 'azure_ad_token',
  vertexServiceAccountJson: 'vertex_service_account_json',
};

interface NodeVisit {
  node: ConfigNode;
  path: string;
}

function* walk(node: ConfigNode, path = 'config'): Generator<NodeVisit> {
  yield { node, path };
  for (const [index, child] of (node.targets ?? []).entries()) yield* walk(child, `${path}.targets[${index}]`);
}

/**
 * Throws a 400-mapped error naming the field; returns the virtual key slugs the config uses and
 * the saved config it shadows to (both must exist in the workspace: the caller checks).
 */
export function validateSavedConfig(value: unknown): { virtualKeys: Map<string, string>; shadowConfigId?: string } {
  const parsed = parseConfig(value);
  if (!parsed.ok) {
    throw new ControlPlaneError(ControlPlaneErrorCode.Invalid, parsed.message, 'config', parsed.errors);
  }
  const virtualKeys = new Map<string, string>();
  for (const { node, path } of walk(parsed.config)) {
    for (const [field, wire] of Object.entries(SECRET_FIELDS)) {
      if (node[field] !== undefined) {
        throw ControlPlaneError.invalid(
          `${path}.${wire}`,
          'saved configs cannot hold provider credentials; store them as a virtual key and use virtual_key',
        );
      }
    }
    if (typeof node.virtualKey === 'string' && !virtualKeys.has(node.virtualKey)) {
      virtualKeys.set(node.virtualKey, `${path}.virtual_key`);
    }
  }
  return { virtualKeys, shadowConfigId: parsed.config.shadow?.configId };
}
