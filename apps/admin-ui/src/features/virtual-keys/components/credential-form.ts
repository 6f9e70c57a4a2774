/**
 * The virtual-key form's validation: the server's own createVirtualKeySchema and provider rules
 * (checkProviderRequirements), after dropping the form's empty strings, so a problem is shown at
 * the field before the request is sent, in the words the API would use.
 */
import { z } from 'zod';
import {
  checkProviderRequirements,
  createVirtualKeySchema,
  rotateVirtualKeySchema,
  type VirtualKeySecret,
  type VirtualKeySettings,
} from '@gateway/control-plane/virtual-keys/virtual-key.schema.js';

/** Form values: every field a string ('' = not given). */
export interface CredentialValues {
  name: string;
  provider: string;
  secret: Record<string, string>;
  settings: Record<string, string>;
}

function compact(record: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
}

export const createFormSchema = z
  .preprocess((v) => {
    const values = v as CredentialValues;
    return { name: values.name, provider: values.provider, secret: compact(values.secret), settings: compact(values.settings) };
  }, createVirtualKeySchema)
  .superRefine((value, ctx) => {
    const problem = checkProviderRequirements(value.provider, value.secret as VirtualKeySecret, value.settings as VirtualKeySettings);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message });
  });

export function rotateFormSchema(provider: string, settings: VirtualKeySettings) {
  return z
    .preprocess((v) => ({ secret: compact((v as { secret: Record<string, string> }).secret) }), rotateVirtualKeySchema)
    .superRefine((value, ctx) => {
      const problem = checkProviderRequirements(provider, value.secret, settings);
      if (problem?.field.startsWith('secret.')) ctx.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message });
    });
}
