import { allLowercase, allUppercase, characterCount, contains, endsWith, regexMatch, sentenceCount, wordCount } from './checks/text-checks.js';
import { containsCode, jsonKeys, jsonSchema, validUrls } from './checks/structure-checks.js';
import { modelWhitelist, requiredMetadataKeys } from './checks/request-checks.js';
import { pii } from './checks/pii.js';
import { webhook } from './checks/webhook.js';
import { PII_CATEGORIES } from './pii/detectors.js';
import type { GuardrailPlugin, PluginFunctionManifest } from './plugin.js';
import type { HookEvent } from './types.js';

const BOTH: HookEvent[] = ['beforeRequestHook', 'afterRequestHook'];
const words = { type: 'array', items: { type: 'string' }, minItems: 1 };
const operator = { enum: ['any', 'all', 'none'] };
const not = { type: 'boolean' };
const count = { type: 'integer', minimum: 0 };

function guardrail(id: string, parameters: object, supportedHooks = BOTH, type: 'guardrail' | 'mutator' = 'guardrail'): PluginFunctionManifest {
  return { id, type, supportedHooks, parameters: { type: 'object', ...parameters } };
}

/** The `default` plug-in: every built-in check, declared through the same interface as any plug-in. */
export const defaultPlugin: GuardrailPlugin = {
  manifest: {
    id: 'default',
    name: 'Built-in checks',
    functions: [
      guardrail('regexMatch', { required: ['rule'], properties: { rule: { type: 'string', minLength: 1 }, not } }),
      guardrail('contains', { required: ['words'], properties: { words, operator, not } }),
      guardrail('wordCount', { properties: { minWords: count, maxWords: count, not } }),
      guardrail('sentenceCount', { properties: { minSentences: count, maxSentences: count, not } }),
      guardrail('characterCount', { properties: { minCharacters: count, maxCharacters: count, not } }),
      guardrail('jsonSchema', { required: ['schema'], properties: { schema: { type: ['object', 'boolean'] }, not } }),
      guardrail('jsonKeys', { required: ['keys'], properties: { keys: words, operator, not } }),
      guardrail('validUrls', { properties: { onlyDNS: { type: 'boolean' }, not } }),
      guardrail('containsCode', { required: ['format'], properties: { format: { type: 'string', minLength: 1 }, not } }),
      guardrail('alluppercase', { properties: { not } }),
      guardrail('alllowercase', { properties: { not } }),
      guardrail('endsWith', { required: ['suffix'], properties: { suffix: { type: 'string', minLength: 1 }, not } }),
      guardrail('modelWhitelist', { required: ['models'], properties: { models: words, not } }, ['beforeRequestHook']),
      // The reference's spelling, so its configs work unchanged.
      guardrail('modelwhitelist', { required: ['models'], properties: { models: words, not } }, ['beforeRequestHook']),
      guardrail('requiredMetadataKeys', { required: ['metadataKeys'], properties: { metadataKeys: words, operator, not } }, ['beforeRequestHook']),
      guardrail('webhook', {
        required: ['webhookURL'],
        properties: { webhookURL: { type: 'string', pattern: '^https?://' }, headers: { type: 'object', additionalProperties: { type: 'string' } }, timeout: { type: 'integer', minimum: 1 }, failOnError: { type: 'boolean' } },
      }),
      guardrail('pii', { properties: { redact: { type: 'boolean' }, categories: { type: 'array', items: { enum: PII_CATEGORIES } } } }, BOTH, 'mutator'),
    ],
  },
  functions: {
    regexMatch,
    contains,
    wordCount,
    sentenceCount,
    characterCount,
    jsonSchema,
    jsonKeys,
    validUrls,
    containsCode,
    alluppercase: allUppercase,
    alllowercase: allLowercase,
    endsWith,
    modelWhitelist,
    modelwhitelist: modelWhitelist,
    requiredMetadataKeys,
    webhook,
    pii,
  },
};
