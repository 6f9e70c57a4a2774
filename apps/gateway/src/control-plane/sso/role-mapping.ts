/**
 * From what the IdP says about a person to what they may do here: the email checks (present,
 * not explicitly unverified, in an allowed domain) and the role from the connection's rules.
 * Pure functions, so every rule is tested without an IdP.
 */
import type { Role } from '../../generated/prisma/client.js';
import { roleRank } from '../auth/admin-principal.js';
import { SsoError } from './sso.errors.js';

export interface RoleMappingRule {
  /** Claim to read, dotted for nested claims (`realm_access.roles`); default: the groups claim. */
  claim?: string;
  /** Matches a string claim equal to it, or an array claim containing it. */
  value: string;
  role: Role;
}

export interface MappingSettings {
  groupsClaim: string;
  roleMappings: RoleMappingRule[];
  defaultRole: Role | null;
  allowedDomains: string[];
}

export type Claims = Record<string, unknown>;

/** A claim by dotted path, own properties only. */
export function claimAt(claims: Claims, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The claim as a list of strings (Entra and Okta send arrays; some IdPs a comma-free string). */
export function claimValues(claims: Claims, path: string): string[] {
  const value = claimAt(claims, path);
  if (Array.isArray(value)) return value.filter((v) => ['string', 'number', 'boolean'].includes(typeof v)).map(String);
  if (value === undefined || value === null || typeof value === 'object') return [];
  return [String(value)];
}

export function groupsOf(claims: Claims, settings: Pick<MappingSettings, 'groupsClaim'>): string[] {
  return claimValues(claims, settings.groupsClaim);
}

/** The highest role among the rules that match (null when none does). */
export function matchedRole(claims: Claims, settings: Pick<MappingSettings, 'groupsClaim' | 'roleMappings'>): Role | null {
  let best: Role | null = null;
  for (const rule of settings.roleMappings) {
    if (!claimValues(claims, rule.claim ?? settings.groupsClaim).includes(rule.value)) continue;
    if (best === null || roleRank(rule.role) > roleRank(best)) best = rule.role;
  }
  return best;
}

/** The role for a sign-in: the highest matching rule, else the default (null: no access). */
export function mapRole(claims: Claims, settings: Pick<MappingSettings, 'groupsClaim' | 'roleMappings' | 'defaultRole'>): Role | null {
  return matchedRole(claims, settings) ?? settings.defaultRole;
}

/** The person's email, lower-cased, once the IdP vouches for it and its domain is allowed. */
export function checkedEmail(claims: Claims, settings: Pick<MappingSettings, 'allowedDomains'>): string {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new SsoError('email_missing', 'the IdP did not return an email address: add the "email" scope and claim');
  }
  // Entra ID sends no email_verified at all; only an explicit false is refused.
  if (claims.email_verified === false || claims.email_verified === 'false') {
    throw new SsoError('email_unverified', `the IdP says ${email} is not verified`);
  }
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const allowed = settings.allowedDomains.map((d) => d.trim().toLowerCase().replace(/^@/, ''));
  if (allowed.length > 0 && !allowed.includes(domain)) {
    throw new SsoError('domain_not_allowed', `${domain} is not an allowed email domain for this workspace`);
  }
  return email;
}
