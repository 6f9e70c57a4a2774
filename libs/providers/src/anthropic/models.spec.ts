import { anthropic } from './anthropic.provider.js';
import { toOpenAiModelList } from './models.js';

// The example answer of Anthropic's "List Models" API reference.
const ANTHROPIC_LIST = {
  data: [{ type: 'model', id: 'claude-sonnet-4-20250514', display_name: 'Claude Sonnet 4', created_at: '2025-05-22T00:00:00Z' }],
  has_more: true,
  first_id: 'claude-sonnet-4-20250514',
  last_id: 'claude-sonnet-4-20250514',
};

describe('anthropic model list', () => {
  it('is OpenAI’s list, with Anthropic’s fields kept for its own SDK', () => {
    expect(toOpenAiModelList(ANTHROPIC_LIST)).toEqual({
      object: 'list',
      data: [
        {
          id: 'claude-sonnet-4-20250514',
          object: 'model',
          created: 1747872000,
          owned_by: 'anthropic',
          type: 'model',
          display_name: 'Claude Sonnet 4',
          created_at: '2025-05-22T00:00:00Z',
        },
      ],
      has_more: true,
      first_id: 'claude-sonnet-4-20250514',
      last_id: 'claude-sonnet-4-20250514',
    });
  });

  it('survives an empty or odd answer', () => {
    expect(toOpenAiModelList({})).toEqual({ object: 'list', data: [], has_more: false, first_id: null, last_id: null });
    expect((toOpenAiModelList({ data: [{ id: 'x', created_at: 'not a date' }] }).data as { created: number }[])[0]!.created).toBe(0);
  });

  it('asks for the largest page Anthropic serves, with GET', () => {
    const endpoint = anthropic.endpoints.listModels!;
    expect(endpoint.method).toBe('GET');
    expect(endpoint.path({}, { endpoint: 'listModels', options: { provider: 'anthropic' }, stream: false, strictOpenAiCompliance: true })).toBe('/models?limit=1000');
  });
});
