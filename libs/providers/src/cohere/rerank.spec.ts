import type { ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toCohereRerankRequest, toOpenAiRerank } from './rerank.js';

const ctx = (request: Record<string, unknown>): ResponseContext => ({ endpoint: 'rerank', options: { provider: 'cohere' }, stream: false, strictOpenAiCompliance: true, model: 'rerank-v3.5', request });

const DOCUMENTS = ['Carson City is the capital city of the American state of Nevada.', { text: 'Washington, D.C. is the capital of the United States.' }, { title: 'Saipan', body: 'Capital of the Northern Mariana Islands.' }];

describe('cohere rerank', () => {
  it('sends documents as strings with top_n', () => {
    expect(toCohereRerankRequest({ model: 'rerank-v3.5', query: 'What is the capital of the United States?', documents: DOCUMENTS, top_n: 2, return_documents: true })).toEqual({
      model: 'rerank-v3.5',
      query: 'What is the capital of the United States?',
      documents: [
        'Carson City is the capital city of the American state of Nevada.',
        'Washington, D.C. is the capital of the United States.',
        '{"title":"Saipan","body":"Capital of the Northern Mariana Islands."}',
      ],
      top_n: 2,
    });
  });

  it('refuses a request without query or documents', () => {
    expect(() => toCohereRerankRequest({ model: 'rerank-v3.5', documents: ['a'] })).toThrow(UnsupportedRequestError);
    expect(() => toCohereRerankRequest({ model: 'rerank-v3.5', query: 'q', documents: [] })).toThrow(UnsupportedRequestError);
  });

  const RESPONSE = {
    id: '07734bd2-2473-4f07-94e1-0d9f0e6843cf',
    results: [
      { index: 1, relevance_score: 0.999071 },
      { index: 0, relevance_score: 0.32713068 },
    ],
    meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
  };

  it('maps results and search units', () => {
    expect(toOpenAiRerank(RESPONSE, ctx({ documents: DOCUMENTS }))).toEqual({
      object: 'list',
      id: '07734bd2-2473-4f07-94e1-0d9f0e6843cf',
      results: [
        { index: 1, relevance_score: 0.999071 },
        { index: 0, relevance_score: 0.32713068 },
      ],
      model: 'rerank-v3.5',
      usage: { search_units: 1 },
    });
  });

  it('fills documents from the request when the client asked for them', () => {
    const out = toOpenAiRerank(RESPONSE, ctx({ documents: DOCUMENTS, return_documents: true }));
    expect(out.results).toEqual([
      { index: 1, relevance_score: 0.999071, document: { text: 'Washington, D.C. is the capital of the United States.' } },
      { index: 0, relevance_score: 0.32713068, document: { text: 'Carson City is the capital city of the American state of Nevada.' } },
    ]);
  });
});
