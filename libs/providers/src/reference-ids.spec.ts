import { PROVIDERS } from './registry.js';

/**
 * Every provider id Portkey's open-source gateway accepts must be accepted here too, so a config
 * or header written for it works unchanged. The lists are copied, as data, from the reference
 * gateway installed for the benchmarks (node_modules/@portkey-ai/gateway 1.15.2, build/start-server.js):
 * its provider registry (72 ids) and its VALID_PROVIDERS list (the same plus `portkey` and
 * `cortex`, which it accepts but cannot route). Kept as data, not read from the package at test
 * time, so an upgrade of the reference shows up as a reviewed change to this file.
 */
const REFERENCE_REGISTRY = [
  'openai', 'cohere', 'anthropic', 'azure-openai', 'huggingface', 'anyscale', 'palm', 'together-ai', 'google', 'vertex-ai',
  'perplexity-ai', 'mistral-ai', 'deepinfra', 'ncompass', 'stability-ai', 'nomic', 'ollama', 'ai21', 'bedrock', 'groq',
  'segmind', 'jina', 'fireworks-ai', 'workers-ai', 'reka-ai', 'moonshot', 'openrouter', 'lingyi', 'zhipu', 'novita-ai',
  'monsterapi', 'deepseek', 'predibase', 'triton', 'voyage', 'azure-ai', 'github', 'deepbricks', 'siliconflow', 'cerebras',
  'inference-net', 'sambanova', 'lemonfox-ai', 'upstage', 'lambda', 'dashscope', 'x-ai', 'qdrant', 'sagemaker', 'nebius',
  'recraft-ai', 'milvus', 'replicate', 'lepton', 'kluster-ai', 'nscale', 'hyperbolic', 'bytez', 'featherless-ai', 'krutrim',
  '302ai', 'cometapi', 'matterai', 'meshy', 'nextbit', 'tripo3d', 'modal', 'z-ai', 'oracle', 'iointelligence',
  'aibadgr', 'ovhcloud',
];
const REFERENCE_VALID_ONLY = ['portkey', 'cortex'];

describe('provider ids of the reference gateway', () => {
  it('the lists are what the reference ships (72 registered, 74 valid)', () => {
    expect(new Set(REFERENCE_REGISTRY).size).toBe(72);
    expect(new Set([...REFERENCE_REGISTRY, ...REFERENCE_VALID_ONLY]).size).toBe(74);
  });

  it.each([...REFERENCE_REGISTRY, ...REFERENCE_VALID_ONLY])('%s is in our registry', (id) => {
    expect(PROVIDERS.get(id)?.id).toBe(id);
  });

  it('more than 80 providers in all', () => {
    expect(PROVIDERS.size).toBeGreaterThan(80);
  });
});
