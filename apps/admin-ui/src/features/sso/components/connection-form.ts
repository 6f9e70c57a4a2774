/**
 * The connection form's values and validation: the server's own createSsoConnectionSchema (and,
 * when editing, updateSsoConnectionSchema with an empty secret meaning "keep the current one").
 */
import { z } from 'zod';
import { createSsoConnectionSchema, updateSsoConnectionSchema } from '@gateway/control-plane/sso/sso-connection.schema.js';
import type { Role, SsoConnection } from '../../../lib/contract';

export interface ConnectionValues {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  groupsClaim: string;
  roleMappings: { claim: string; value: string; role: Role }[];
  /** '' = people no rule maps get no access. */
  defaultRole: Role | '';
  allowedDomains: string[];
  enabled: boolean;
}

export const EMPTY_CONNECTION: ConnectionValues = {
  name: '',
  issuer: '',
  clientId: '',
  clientSecret: '',
  scopes: ['openid', 'email', 'profile', 'groups'],
  groupsClaim: 'groups',
  roleMappings: [],
  defaultRole: '',
  allowedDomains: [],
  enabled: true,
};

export function valuesOf(connection: SsoConnection): ConnectionValues {
  return {
    name: connection.name,
    issuer: connection.issuer,
    clientId: connection.clientId,
    clientSecret: '',
    scopes: connection.scopes,
    groupsClaim: connection.groupsClaim,
    roleMappings: connection.roleMappings.map((r) => ({ claim: r.claim ?? '', value: r.value, role: r.role })),
    defaultRole: connection.defaultRole ?? '',
    allowedDomains: connection.allowedDomains,
    enabled: connection.enabled,
  };
}

/** Form values → the API's body (empty optional fields dropped). */
export function toBody(values: ConnectionValues, editing: boolean) {
  const { clientSecret, ...rest } = values;
  return {
    ...rest,
    ...(editing && !clientSecret ? {} : { clientSecret }),
    roleMappings: values.roleMappings.map((r) => ({ ...(r.claim.trim() ? { claim: r.claim.trim() } : {}), value: r.value, role: r.role })),
    defaultRole: values.defaultRole || null,
  };
}

export function connectionSchema(editing: boolean) {
  return z.preprocess((v) => toBody(v as ConnectionValues, editing), editing ? updateSsoConnectionSchema : createSsoConnectionSchema);
}
