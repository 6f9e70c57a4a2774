/**
 * A workspace's own inbound rules, set by its owners through the admin API and stored with the
 * workspace: allow and deny ranges and countries, judged on the same client the global rules
 * resolved (the operator decides which proxies and country header to believe, not a workspace).
 */
import { z } from 'zod';
import { InboundRules, type InboundSettingNames } from './inbound-rules.js';

const NAMES: InboundSettingNames = {
  allow: 'inboundRules.allow',
  deny: 'inboundRules.deny',
  trustedProxies: 'inboundRules.trustedProxies',
  allowCountries: 'inboundRules.allowCountries',
  denyCountries: 'inboundRules.denyCountries',
  needsCountryHeader: false,
};

const list = (max: number) => z.array(z.string().max(64)).max(max).default([]);

export const workspaceInboundRulesSchema = z
  .object({ allow: list(1000), deny: list(1000), allowCountries: list(300), denyCountries: list(300) })
  .strict()
  .superRefine((rules, ctx) => {
    try {
      compileWorkspaceInboundRules(rules);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

export type WorkspaceInboundRules = z.output<typeof workspaceInboundRulesSchema>;

/** The compiled rules, or undefined when the workspace sets none (nothing to check per request). */
export function compileWorkspaceInboundRules(stored: unknown): InboundRules | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const rules = stored as Partial<WorkspaceInboundRules>;
  const compiled = new InboundRules(
    { allow: rules.allow ?? [], deny: rules.deny ?? [], trustedProxies: [], allowCountries: rules.allowCountries ?? [], denyCountries: rules.denyCountries ?? [] },
    NAMES,
  );
  return compiled.active ? compiled : undefined;
}
