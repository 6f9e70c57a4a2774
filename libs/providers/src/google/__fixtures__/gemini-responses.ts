/**
 * Gemini v1beta responses in the documented wire format (generateContent, streamGenerateContent
 * with alt=sse, embedContent, batchEmbedContents, errors), shaped like recorded traffic.
 */

export const textResponse = {
  candidates: [
    {
      content: {
        parts: [{ text: 'Paris is the capital ' }, { text: 'of France.' }],
        role: 'model',
      },
      finishReason: 'STOP',
      index: 0,
    },
  ],
  usageMetadata: {
    promptTokenCount: 12,
    candidatesTokenCount: 7,
    totalTokenCount: 61,
    cachedContentTokenCount: 4,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: 12 }],
    thoughtsTokenCount: 42,
  },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'q2PUaJ3XJLeWmNAPjc6E4Ag',
};

export const thinkingResponse = {
  candidates: [
    {
      content: {
        parts: [
          { text: '**Working out the sum**\n\nTwo plus two is four.', thought: true },
          { text: '4' },
        ],
        role: 'model',
      },
      finishReason: 'STOP',
      index: 0,
    },
  ],
  usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 1, totalTokenCount: 40, thoughtsTokenCount: 30 },
  modelVersion: 'gemini-2.5-pro',
  responseId: 'thinking-1',
};

export const functionCallResponse = {
  candidates: [
    {
      content: {
        parts: [
          {
            functionCall: { name: 'get_weather', args: { location: 'Paris', unit: 'celsius' } },
            thoughtSignature: 'CiQB0e2Kb7Vq1sig==',
          },
          { functionCall: { name: 'get_time', args: { timezone: 'Europe/Paris' } } },
        ],
        role: 'model',
      },
      finishReason: 'STOP',
      index: 0,
    },
  ],
  usageMetadata: { promptTokenCount: 95, candidatesTokenCount: 31, totalTokenCount: 126 },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'fc-response-1',
};

export const blockedPromptResponse = {
  promptFeedback: {
    blockReason: 'SAFETY',
    safetyRatings: [
      { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
      { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
      { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
      { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' },
    ],
  },
  usageMetadata: { promptTokenCount: 11, totalTokenCount: 11 },
  modelVersion: 'gemini-2.0-flash',
  responseId: 'blocked-1',
};

export const twoCandidatesResponse = {
  candidates: [
    { content: { parts: [{ text: 'Heads' }], role: 'model' }, finishReason: 'STOP', index: 0 },
    { content: { parts: [{ text: 'Tails, and then some' }], role: 'model' }, finishReason: 'MAX_TOKENS', index: 1 },
  ],
  usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 6, totalTokenCount: 11 },
  modelVersion: 'gemini-2.0-flash',
  responseId: 'two-1',
};

/** streamGenerateContent?alt=sse: text in slices, cumulative usage in every event. */
export const textStreamSse = [
  'data: {"candidates": [{"content": {"parts": [{"text": "The"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 8}]},"modelVersion": "gemini-2.0-flash","responseId": "sse-text-1"}',
  '',
  'data: {"candidates": [{"content": {"parts": [{"text": " sky is blue because of"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 8}]},"modelVersion": "gemini-2.0-flash","responseId": "sse-text-1"}',
  '',
  'data: {"candidates": [{"content": {"parts": [{"text": " Rayleigh scattering."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 8,"candidatesTokenCount": 11,"totalTokenCount": 19,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 8}],"candidatesTokensDetails": [{"modality": "TEXT","tokenCount": 11}]},"modelVersion": "gemini-2.0-flash","responseId": "sse-text-1"}',
  '',
  '',
].join('\r\n');

/** A streamed turn that ends in two parallel function calls (they arrive whole, in one event). */
export const functionCallStreamSse = [
  'data: {"candidates": [{"content": {"parts": [{"text": "Let me check both."}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 60,"totalTokenCount": 60},"modelVersion": "gemini-2.5-flash","responseId": "sse-fc-1"}',
  '',
  'data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"location": "Paris"}},"thoughtSignature": "CiQBsig1"},{"functionCall": {"name": "get_time","args": {"timezone": "Europe/Paris"}}}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 60,"candidatesTokenCount": 24,"totalTokenCount": 130,"thoughtsTokenCount": 46},"modelVersion": "gemini-2.5-flash","responseId": "sse-fc-1"}',
  '',
  '',
].join('\r\n');

/** A later event of the same stream carrying a third call, to check tool-call numbering. */
export const laterFunctionCallEvent =
  '{"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_news","args": {"topic": "weather"}}}],"role": "model"},"index": 0}],"modelVersion": "gemini-2.5-flash","responseId": "sse-fc-1"}';

/** A stream that fails after it started. */
export const errorEvent = '{"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}';

export const invalidKeyError = {
  error: {
    code: 400,
    message: 'API key not valid. Please pass a valid API key.',
    status: 'INVALID_ARGUMENT',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
    ],
  },
};

/** The streaming endpoint without alt=sse answers errors as a one-element JSON array. */
export const quotaErrorArray = [
  {
    error: {
      code: 429,
      message: 'You exceeded your current quota, please check your plan and billing details.',
      status: 'RESOURCE_EXHAUSTED',
    },
  },
];

export const embedContentResponse = { embedding: { values: [0.013168523, -0.008711934, -0.046782676, 0.00069968984] } };

export const batchEmbedContentsResponse = {
  embeddings: [{ values: [0.1, 0.2, 0.3] }, { values: [0.4, 0.5, 0.6] }],
};
