/**
 * What an admin sends to create, update or rotate a virtual key. Everything under `secret` is
 * encrypted at rest and never returned; `settings` are plain provider settings. Names are the
 * camelCase ProviderOptions fields the provider adapters read.
 */
import { z } from 'zod';

const text = (max = 500) => z.string().trim().min(1).max(max);

const serviceAccountJson = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  },
  z
    .object({ client_email: z.string().min(1), private_key: z.string().min(1) }, {
      error: 'must be a service account JSON object (with client_email and private_key)',
    })
    .catchall(z.unknown()),
);

export const virtualKeySecretSchema = z
  .object({
    apiKey: text(8_000).optional(),
    azureAdToken: text(16_000).optional(),
    awsAccessKeyId: text(200).optional(),
    awsSecretAccessKey: text(500).optional(),
    awsSessionToken: text(8_000).optional(),
    vertexServiceAccountJson: serviceAccountJson.optional(),
    /** OCI API signing key (PEM) and its passphrase, for `oracle`. */
    oraclePrivateKey: text(16_000).optional(),
    oracleKeyPassphrase: text(1_000).optional(),
  })
  .strict();

export const virtualKeySettingsSchema = z
  .object({
    customHost: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    resourceName: text(200).optional(),
    deploymentId: text(200).optional(),
    apiVersion: text(50).optional(),
    azureAuthMode: z.enum(['apiKey', 'entra', 'managed']).optional(),
    azureModelName: text(200).optional(),
    awsRegion: text(50).optional(),
    awsRoleArn: text(500).optional(),
    awsExternalId: text(500).optional(),
    vertexProjectId: text(200).optional(),
    vertexRegion: text(50).optional(),
    openaiOrganization: text(200).optional(),
    openaiProject: text(200).optional(),
    anthropicVersion: text(50).optional(),
    anthropicBeta: text(200).optional(),
    // Azure AI Foundry, Snowflake Cortex, OCI Generative AI and watsonx targets.
    azureFoundryUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
    azureExtraParams: z.enum(['pass-through', 'drop', 'error']).optional(),
    snowflakeAccount: text(200).optional(),
    oracleTenancy: text(300).optional(),
    oracleUser: text(300).optional(),
    oracleFingerprint: text(200).optional(),
    oracleRegion: text(50).optional(),
    oracleCompartmentId: text(300).optional(),
    oracleApiVersion: text(20).optional(),
    watsonxProjectId: text(200).optional(),
    watsonxSpaceId: text(200).optional(),
    watsonxRegion: text(50).optional(),
    watsonxVersion: text(20).optional(),
    watsonxAuthType: z.enum(['iam', 'bearer']).optional(),
  })
  .strict();

export type VirtualKeySecret = z.infer<typeof virtualKeySecretSchema>;
export type VirtualKeySettings = z.infer<typeof virtualKeySettingsSchema>;

const providerId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a provider id such as "openai" or "azure-openai"');

export const createVirtualKeySchema = z.object({
  name: text(100),
  provider: providerId,
  secret: virtualKeySecretSchema.default({}),
  settings: virtualKeySettingsSchema.default({}),
});

export const updateVirtualKeySchema = z
  .object({
    name: text(100).optional(),
    enabled: z.boolean().optional(),
    /** Replaces all settings. */
    settings: virtualKeySettingsSchema.optional(),
  })
  .strict();

export const rotateVirtualKeySchema = z.object({ secret: virtualKeySecretSchema }).strict();

export type CreateVirtualKeyInput = z.infer<typeof createVirtualKeySchema>;
export type UpdateVirtualKeyInput = z.infer<typeof updateVirtualKeySchema>;
export type RotateVirtualKeyInput = z.infer<typeof rotateVirtualKeySchema>;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Which fields each provider needs. Returns the first missing field (paths as the admin API names
 * them), or undefined when the combination is complete.
 */
export function checkProviderRequirements(
  provider: string,
  secret: VirtualKeySecret,
  settings: VirtualKeySettings,
): FieldProblem | undefined {
  const need = (ok: unknown, field: string, message = 'is required for this provider') =>
    ok ? undefined : { field, message: `${message} (${provider})` };
  switch (provider) {
    case 'azure-openai':
      return (
        need(settings.resourceName || settings.customHost, 'settings.resourceName') ??
        need(settings.deploymentId, 'settings.deploymentId') ??
        need(settings.apiVersion, 'settings.apiVersion') ??
        need(
          secret.apiKey || secret.azureAdToken || (settings.azureAuthMode && settings.azureAuthMode !== 'apiKey'),
          'secret.apiKey',
          'an API key, an Entra token or a non-key azureAuthMode is required',
        )
      );
    case 'bedrock':
      return (
        need(settings.awsRegion, 'settings.awsRegion') ??
        need(secret.awsAccessKeyId || settings.awsRoleArn, 'secret.awsAccessKeyId') ??
        need(secret.awsSecretAccessKey || settings.awsRoleArn, 'secret.awsSecretAccessKey')
      );
    case 'vertex-ai':
      return (
        need(settings.vertexRegion, 'settings.vertexRegion') ??
        need(settings.vertexProjectId || secret.vertexServiceAccountJson, 'settings.vertexProjectId', 'a project id or a service account JSON is required') ??
        need(secret.vertexServiceAccountJson || secret.apiKey, 'secret.vertexServiceAccountJson', 'a service account JSON or an access token (apiKey) is required')
      );
    case 'azure-ai':
      return (
        need(settings.azureFoundryUrl || settings.customHost, 'settings.azureFoundryUrl') ??
        need(secret.apiKey || secret.azureAdToken, 'secret.apiKey', 'an API key or an Entra token is required')
      );
    case 'cortex':
      return need(settings.snowflakeAccount || settings.customHost, 'settings.snowflakeAccount') ?? need(secret.apiKey, 'secret.apiKey');
    case 'oracle':
      return (
        need(secret.oraclePrivateKey, 'secret.oraclePrivateKey') ??
        need(settings.oracleTenancy, 'settings.oracleTenancy') ??
        need(settings.oracleUser, 'settings.oracleUser') ??
        need(settings.oracleFingerprint, 'settings.oracleFingerprint') ??
        need(settings.oracleRegion || settings.customHost, 'settings.oracleRegion') ??
        need(settings.oracleCompartmentId, 'settings.oracleCompartmentId')
      );
    case 'watsonx':
      return need(secret.apiKey, 'secret.apiKey') ?? need(settings.watsonxProjectId || settings.watsonxSpaceId, 'settings.watsonxProjectId', 'a project or space id is required');
    case 'sagemaker':
      return (
        need(settings.awsRegion, 'settings.awsRegion') ??
        need(secret.awsAccessKeyId, 'secret.awsAccessKeyId') ??
        need(secret.awsSecretAccessKey, 'secret.awsSecretAccessKey')
      );
    case 'databricks':
      return need(settings.customHost, 'settings.customHost') ?? need(secret.apiKey, 'secret.apiKey');
    case 'ollama':
    case 'triton':
    case 'sglang':
    case 'localai':
    case 'tgi':
    case 'qdrant':
    case 'milvus':
      return need(settings.customHost, 'settings.customHost');
    default:
      return need(secret.apiKey, 'secret.apiKey');
  }
}
