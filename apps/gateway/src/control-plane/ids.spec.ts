import { newConfigId, newVirtualKeySlug, SAVED_CONFIG_ID, slugify } from './ids.js';

describe('ids', () => {
  it('slugifies names', () => {
    expect(slugify('OpenAI Prod (EU)')).toBe('openai-prod-eu');
    expect(slugify('  ')).toBe('key');
    expect(slugify('Café Prod—EU')).toBe('cafe-prod-eu');
    expect(slugify('a'.repeat(50)).length).toBe(24);
  });

  it('makes slugs and config ids with a random suffix', () => {
    expect(newVirtualKeySlug('OpenAI prod')).toMatch(/^openai-prod-[0-9a-f]{6}$/);
    const id = newConfigId('Support bot');
    expect(id).toMatch(/^pc-support-bot-[0-9a-f]{6}$/);
    expect(SAVED_CONFIG_ID.test(id)).toBe(true);
  });
});
