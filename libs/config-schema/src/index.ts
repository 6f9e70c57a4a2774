export type {
  CacheMode,
  CacheSettings,
  Condition,
  ConfigIssue,
  ConfigNode,
  ConfigParseResult,
  HookFields,
  ShadowSettings,
  ProviderFields,
  RetrySettings,
  RoutingConfig,
  Strategy,
  StrategyMode,
} from './config.types.js';
export { CACHE_MODES, MAX_RETRY_ATTEMPTS, STRATEGY_MODES } from './config.types.js';
export {
  INVALID_CONFIG_MESSAGE,
  INVALID_JSON_MESSAGE,
  formatIssue,
  isSavedConfigId,
  parseConfig,
  parseConfigHeader,
} from './parse.js';
export { configNodeSchema, routingConfigSchema, HOOK_FIELDS } from './node.schema.js';
export { MAX_NODES, MAX_QUERY_DEPTH, MAX_TREE_DEPTH } from './limits.js';
export { COMPARISON_OPERATORS, LOGICAL_OPERATORS, QUERY_ROOTS } from './query.rules.js';
export { toCamelCase } from './normalize.js';
export { toSnakeCase } from './field-names.js';
