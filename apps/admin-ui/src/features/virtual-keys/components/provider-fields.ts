/**
 * Which fields the virtual-key form shows for each provider. The rules of what is *required* are
 * the server's (checkProviderRequirements, run on submit); this only decides layout and labels.
 */
import type { VirtualKeySecret, VirtualKeySettings } from '@gateway/control-plane/virtual-keys/virtual-key.schema.js';

export type FieldPath = `secret.${keyof VirtualKeySecret & string}` | `settings.${keyof VirtualKeySettings & string}`;

export interface FieldSpec {
  path: FieldPath;
  label: string;
  placeholder?: string;
  description?: string;
  kind?: 'text' | 'secret' | 'file' | 'select';
  options?: { value: string; label: string }[];
  required?: boolean;
}

const apiKey = (required = true, label = 'API key'): FieldSpec => ({ path: 'secret.apiKey', label, kind: 'secret', required, placeholder: 'sk-…' });
const customHost = (required = false): FieldSpec => ({
  path: 'settings.customHost',
  label: 'Custom host',
  placeholder: 'https://llm.internal.example/v1',
  description: required ? 'This provider is self-hosted: where it listens.' : 'Replaces the provider’s base URL (proxies, gateways, self-hosted).',
  required,
});

const BY_PROVIDER: Record<string, FieldSpec[]> = {
  'azure-openai': [
    { path: 'settings.resourceName', label: 'Resource name', placeholder: 'my-resource', required: true },
    { path: 'settings.deploymentId', label: 'Deployment', placeholder: 'gpt-4o', required: true },
    { path: 'settings.apiVersion', label: 'API version', placeholder: '2024-10-21', required: true },
    {
      path: 'settings.azureAuthMode',
      label: 'Authentication',
      kind: 'select',
      options: [
        { value: 'apiKey', label: 'API key' },
        { value: 'entra', label: 'Microsoft Entra ID' },
        { value: 'managed', label: 'Managed identity' },
      ],
    },
    apiKey(false),
    { path: 'secret.azureAdToken', label: 'Entra token', kind: 'secret' },
    { path: 'settings.azureModelName', label: 'Model name (for logs and prices)', placeholder: 'gpt-4o' },
  ],
  bedrock: [
    { path: 'settings.awsRegion', label: 'AWS region', placeholder: 'us-east-1', required: true },
    { path: 'secret.awsAccessKeyId', label: 'Access key id', kind: 'secret', placeholder: 'AKIA…' },
    { path: 'secret.awsSecretAccessKey', label: 'Secret access key', kind: 'secret' },
    { path: 'secret.awsSessionToken', label: 'Session token (temporary credentials)', kind: 'secret' },
    { path: 'settings.awsRoleArn', label: 'Role ARN (instead of keys)', placeholder: 'arn:aws:iam::123456789012:role/bedrock' },
    { path: 'settings.awsExternalId', label: 'External id' },
  ],
  'vertex-ai': [
    { path: 'settings.vertexProjectId', label: 'Project id', placeholder: 'my-gcp-project' },
    { path: 'settings.vertexRegion', label: 'Region', placeholder: 'us-central1', required: true },
    { path: 'secret.vertexServiceAccountJson', label: 'Service account key (JSON file)', kind: 'file', description: 'Read in your browser and sent once; stored encrypted.' },
    apiKey(false, 'Access token (instead of a service account)'),
  ],
  openai: [
    apiKey(),
    { path: 'settings.openaiOrganization', label: 'Organization', placeholder: 'org-…' },
    { path: 'settings.openaiProject', label: 'Project', placeholder: 'proj_…' },
    customHost(),
  ],
  anthropic: [apiKey(true, 'API key'), { path: 'settings.anthropicVersion', label: 'API version', placeholder: '2023-06-01' }, { path: 'settings.anthropicBeta', label: 'Beta flags' }, customHost()],
};

export function fieldsFor(provider: string, needsCustomHost: boolean): FieldSpec[] {
  if (BY_PROVIDER[provider]) return BY_PROVIDER[provider]!;
  if (needsCustomHost) return [customHost(true), apiKey(false)];
  return [apiKey(), customHost()];
}

/** The secret fields only: what a rotation replaces. */
export function secretFieldsFor(provider: string, needsCustomHost: boolean): FieldSpec[] {
  return fieldsFor(provider, needsCustomHost).filter((f) => f.path.startsWith('secret.'));
}
