/**
 * The one zod schema every routing config goes through (after camel-casing, see normalize.ts).
 * Shapes and ranges are declared per field; rules that relate fields (a strategy needs targets,
 * conditional names must exist, …) are refinements on the node. Unknown keys pass through, as in
 * the reference.
 */
import { z } from 'zod';
import { CACHE_MODES, MAX_RETRY_ATTEMPTS, STRATEGY_MODES } from './config.types.js';
import { toSnakeCase } from './field-names.js';
import { isPlainObject } from './normalize.js';
import { queryIssues } from './query.rules.js';

const STATUS_MESSAGE = 'Status codes must be integers between 100 and 599';
const statusCodes = z.array(
  z
    .number({ error: STATUS_MESSAGE })
    .int({ error: STATUS_MESSAGE })
    .min(100, { error: STATUS_MESSAGE })
    .max(599, { error: STATUS_MESSAGE }),
  { error: "'on_status_codes' must be an array of status codes" },
);

const condition = z
  .looseObject(
    {
      query: z.unknown(),
      then: z.string({ error: "'then' must name a target" }),
    },
    { error: 'A condition must be an object {"query": {...}, "then": "<target name>"}' },
  )
  .superRefine((value, ctx) => {
    for (const issue of queryIssues(value.query, ['query'])) ctx.addIssue({ code: 'custom', ...issue });
  });

/** `metadata.user_id`, `params.user`: a two-level path into the request, like query keys. */
const STICKY_KEY = /^(metadata|params|url)\.[^.]+$/;

const strategy = z.looseObject(
  {
    mode: z.enum(STRATEGY_MODES, {
      error: `Invalid 'mode' value. Must be one of: ${STRATEGY_MODES.join(', ')}`,
    }),
    onStatusCodes: statusCodes.optional(),
    conditions: z.array(condition, { error: "'conditions' must be an array of {query, then}" }).optional(),
    default: z.string({ error: "'default' must name a target" }).optional(),
    stickyKey: z
      .string({ error: "'sticky_key' must be a string" })
      .regex(STICKY_KEY, { error: "'sticky_key' must look like 'metadata.<key>' or 'params.<key>'" })
      .optional(),
  },
  { error: "'strategy' must be an object such as {\"mode\": \"fallback\"}" },
);

const HEDGE_AFTER_MESSAGE = "'hedge.after_ms' must be a number of milliseconds from 1 to 60000, or \"p95\"";
const hedge = z.looseObject(
  {
    afterMs: z.union(
      [z.number().int({ error: HEDGE_AFTER_MESSAGE }).min(1, { error: HEDGE_AFTER_MESSAGE }).max(60_000, { error: HEDGE_AFTER_MESSAGE }), z.literal('p95')],
      { error: HEDGE_AFTER_MESSAGE },
    ),
    maxExtra: z
      .number({ error: "'hedge.max_extra' must be an integer from 1 to 3" })
      .int({ error: "'hedge.max_extra' must be an integer from 1 to 3" })
      .min(1, { error: "'hedge.max_extra' must be an integer from 1 to 3" })
      .max(3, { error: "'hedge.max_extra' must be an integer from 1 to 3" })
      .optional(),
  },
  { error: "'hedge' must be an object such as {\"after_ms\": 150, \"max_extra\": 1}" },
);

const SHADOW_RATE_MESSAGE = "'shadow.sample_rate' must be a number above 0 and at most 1";
const shadow = z.looseObject(
  {
    configId: z
      .string({ error: "'shadow.config_id' must name a saved config (pc-…)" })
      .regex(/^pc-[A-Za-z0-9_-]+$/, { error: "'shadow.config_id' must name a saved config (pc-…)" }),
    sampleRate: z.number({ error: SHADOW_RATE_MESSAGE }).gt(0, { error: SHADOW_RATE_MESSAGE }).max(1, { error: SHADOW_RATE_MESSAGE }),
  },
  { error: "'shadow' must be an object such as {\"config_id\": \"pc-candidate-1a2b3c\", \"sample_rate\": 0.1}" },
);

const ATTEMPTS_MESSAGE = `'retry.attempts' must be an integer from 0 to ${MAX_RETRY_ATTEMPTS} (the maximum is ${MAX_RETRY_ATTEMPTS} retries)`;
const retry = z.looseObject(
  {
    attempts: z
      .number({
        error: (issue) => (issue.input === undefined ? "'retry.attempts' must be defined" : ATTEMPTS_MESSAGE),
      })
      .int({ error: ATTEMPTS_MESSAGE })
      .min(0, { error: ATTEMPTS_MESSAGE })
      .max(MAX_RETRY_ATTEMPTS, { error: ATTEMPTS_MESSAGE }),
    onStatusCodes: statusCodes.optional(),
    useRetryAfterHeader: z.boolean({ error: "'use_retry_after_header' must be true or false" }).optional(),
  },
  { error: "'retry' must be an object such as {\"attempts\": 3}" },
);

const cache = z.looseObject(
  {
    mode: z.enum(CACHE_MODES, { error: `Invalid 'cache.mode' value. Must be one of: ${CACHE_MODES.join(', ')}` }),
    maxAge: z.number({ error: "'cache.max_age' must be a number >= 0" }).min(0, { error: "'cache.max_age' must be a number >= 0" }).optional(),
    // Semantic mode: the similarity needed to serve a stored answer, and the embedding model used.
    threshold: z.number({ error: "'cache.threshold' must be a number between 0 and 1" }).min(0, { error: "'cache.threshold' must be a number between 0 and 1" }).max(1, { error: "'cache.threshold' must be a number between 0 and 1" }).optional(),
    embedding: z
      .looseObject(
        {
          provider: z.string({ error: "'cache.embedding.provider' must be a provider id" }).optional(),
          virtual_key: z.string({ error: "'cache.embedding.virtual_key' must be a virtual key slug" }).optional(),
          model: z.string({ error: "'cache.embedding.model' must name an embedding model" }),
        },
        { error: "'cache.embedding' must be an object such as {\"provider\": \"openai\", \"api_key\": \"…\", \"model\": \"text-embedding-3-small\"}" },
      )
      .refine((e) => e.provider !== undefined || e.virtual_key !== undefined, { error: "'cache.embedding' needs a provider or a virtual_key" })
      .optional(),
  },
  { error: "'cache' must be an object such as {\"mode\": \"simple\"}" },
);

const FORWARD_HEADERS_SELF = 'x-portkey-forward-headers';
const forwardHeaders = z
  .array(z.string({ error: "'forward_headers' must be an array of header names" }), {
    error: "'forward_headers' must be an array of header names",
  })
  .refine((names) => !names.some((n) => n.toLowerCase() === FORWARD_HEADERS_SELF), {
    error: `'forward_headers' must not contain '${FORWARD_HEADERS_SELF}'`,
  });

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Plain string options: credentials and provider-specific settings the providers library reads. */
const STRING_FIELDS = [
  'apiKey',
  'virtualKey',
  'name',
  'resourceName',
  'deploymentId',
  'apiVersion',
  'azureAdToken',
  'azureAuthMode',
  'azureModelName',
  'anthropicVersion',
  'anthropicBeta',
  'openaiOrganization',
  'openaiProject',
  'awsAccessKeyId',
  'awsSecretAccessKey',
  'awsSessionToken',
  'awsRegion',
  'vertexProjectId',
  'vertexRegion',
] as const;

export const HOOK_FIELDS = [
  'beforeRequestHooks',
  'afterRequestHooks',
  'inputGuardrails',
  'outputGuardrails',
  'inputMutators',
  'outputMutators',
] as const;

const stringShape = Object.fromEntries(
  STRING_FIELDS.map((key) => [key, z.string({ error: `'${toSnakeCase(key)}' must be a string` }).optional()]),
) as Record<(typeof STRING_FIELDS)[number], z.ZodOptional<z.ZodString>>;

const hookShape = Object.fromEntries(
  HOOK_FIELDS.map((key) => [key, z.array(z.unknown(), { error: `'${toSnakeCase(key)}' must be an array` }).optional()]),
) as Record<(typeof HOOK_FIELDS)[number], z.ZodOptional<z.ZodArray<z.ZodUnknown>>>;

const nodeShape = {
  ...stringShape,
  ...hookShape,
  provider: z.string({ error: "'provider' must be a string" }).min(1, { error: "'provider' must not be empty" }).optional(),
  customHost: z
    .string({ error: "'custom_host' must be a string" })
    .refine(isHttpUrl, { error: "'custom_host' must be an http(s) URL" })
    .optional(),
  strategy: strategy.optional(),
  weight: z.number({ error: "'weight' must be a number >= 0" }).min(0, { error: "'weight' must be a number >= 0" }).optional(),
  overrideParams: z.record(z.string(), z.unknown(), { error: "'override_params' must be an object" }).optional(),
  retry: retry.optional(),
  requestTimeout: z
    .number({ error: "'request_timeout' must be a positive integer (milliseconds)" })
    .int({ error: "'request_timeout' must be a positive integer (milliseconds)" })
    .positive({ error: "'request_timeout' must be a positive integer (milliseconds)" })
    .optional(),
  cache: cache.optional(),
  hedge: hedge.optional(),
  shadow: shadow.optional(),
  forwardHeaders: forwardHeaders.optional(),
  strictOpenAiCompliance: z.boolean({ error: "'strict_open_ai_compliance' must be true or false" }).optional(),
  vertexServiceAccountJson: z
    .record(z.string(), z.unknown(), { error: "'vertex_service_account_json' must be an object" })
    .optional(),
  get targets(): z.ZodOptional<z.ZodArray<z.ZodType>> {
    return z.array(targetSchema, { error: "'targets' must be an array of targets" }).optional();
  },
};

/** Keys that make a root config mean something (everything but labels). */
const MEANINGFUL_ROOT_KEYS = Object.keys(nodeShape).filter((key) => key !== 'name' && key !== 'weight' && key !== 'shadow');

type Ctx = z.core.$RefinementCtx<Record<string, unknown>>;

function custom(ctx: Ctx, path: Array<string | number>, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** Rules relating a node's fields to each other. */
function checkNode(node: Record<string, unknown>, ctx: Ctx): void {
  const strategyValue = node.strategy as z.infer<typeof strategy> | undefined;
  const targets = node.targets as Array<Record<string, unknown>> | undefined;
  if (strategyValue && (!targets || targets.length === 0)) {
    custom(ctx, ['targets'], "'targets' must be a non-empty array when 'strategy' is set");
    return;
  }
  if (!strategyValue) {
    if (targets) custom(ctx, ['strategy'], "'strategy' is required when 'targets' is set");
    if (node.hedge !== undefined) custom(ctx, ['hedge'], "'hedge' is only supported on a 'fallback' or 'loadbalance' node");
    return;
  }
  const { mode } = strategyValue;
  if (node.hedge !== undefined && mode !== 'fallback' && mode !== 'loadbalance') {
    custom(ctx, ['hedge'], "'hedge' is only supported on a 'fallback' or 'loadbalance' node");
  } else if (node.hedge !== undefined && targets!.length < 2) {
    custom(ctx, ['hedge'], "'hedge' needs at least two targets to send the extra request to");
  }
  if (strategyValue.stickyKey !== undefined && mode !== 'loadbalance') {
    custom(ctx, ['strategy', 'stickyKey'], "'sticky_key' is only supported with mode 'loadbalance'");
  }
  if (mode === 'loadbalance' && !targets!.some((t) => isPlainObject(t) && (t.weight ?? 1) !== 0)) {
    custom(ctx, ['targets'], "Mode 'loadbalance' needs at least one target with a weight above 0");
  }
  if (mode === 'conditional') checkConditional(strategyValue, targets!, ctx);
}

function checkConditional(
  strategyValue: z.infer<typeof strategy>,
  targets: Array<Record<string, unknown>>,
  ctx: Ctx,
): void {
  const { conditions } = strategyValue;
  if (!conditions) {
    custom(ctx, ['strategy', 'conditions'], "'conditions' is required for mode 'conditional'");
    return;
  }
  if (conditions.length === 0 && strategyValue.default === undefined) {
    custom(ctx, ['strategy', 'conditions'], "Mode 'conditional' needs at least one condition or a 'default'");
  }
  // Defensive reads: zod skips refinements after a type error today, but this must not depend on it.
  const names = new Set(targets.map((t) => (isPlainObject(t) ? t.name : undefined)).filter((n): n is string => typeof n === 'string'));
  const known = names.size > 0 ? [...names].join(', ') : 'none (give targets a "name")';
  conditions.forEach((c, i) => {
    if (isPlainObject(c) && !names.has(c.then)) {
      custom(ctx, ['strategy', 'conditions', i, 'then'], `No target is named '${c.then}'. Target names: ${known}`);
    }
  });
  if (strategyValue.default !== undefined && !names.has(strategyValue.default)) {
    custom(ctx, ['strategy', 'default'], `No target is named '${strategyValue.default}'. Target names: ${known}`);
  }
}

/** Any node of the tree (the root included). */
export const configNodeSchema = z
  .looseObject(nodeShape, { error: 'A target must be an object' })
  .superRefine(checkNode);

/** A nested target: a leaf must say which provider it calls. */
const targetSchema = configNodeSchema.superRefine((node, ctx) => {
  if (node.shadow !== undefined) custom(ctx, ['shadow'], "'shadow' is only supported at the root of a saved config");
  if (node.strategy === undefined && node.targets === undefined && node.provider === undefined && node.virtualKey === undefined) {
    custom(
      ctx,
      [],
      "A target needs 'provider' or 'virtual_key' (only the root config may take its provider from the x-portkey-provider header)",
    );
  }
});

/**
 * A whole config, normalized (camelCase). A root leaf may omit the provider (it then comes from
 * the x-portkey-provider header), but an empty config is a mistake, as in the reference.
 */
export const routingConfigSchema = configNodeSchema.superRefine((node, ctx) => {
  if (!MEANINGFUL_ROOT_KEYS.some((key) => node[key] !== undefined)) {
    custom(
      ctx,
      [],
      "Invalid configuration. It must have either 'provider', or 'strategy' and 'targets', or options such as 'retry', 'cache', 'request_timeout' or 'override_params'",
    );
  }
});
