/**
 * The slice of Gemini's v1beta wire format (generativelanguage.googleapis.com) this adapter reads
 * and writes. Every field is optional on the way in: the API omits empty ones, and a stream event
 * may carry only some of them.
 */

export interface GeminiPart {
  text?: string;
  /** True on thought-summary parts of thinking models (only sent with includeThoughts). */
  thought?: boolean;
  /** Opaque reasoning state; Gemini 3 requires it back on function-call parts of the history. */
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: { id?: string; name: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response: Record<string, unknown> };
  /** Code the model wrote and ran with the code-execution tool. */
  executableCode?: { language?: string; code?: string };
  /** What that code printed (`outcome`: OUTCOME_OK, OUTCOME_FAILED, OUTCOME_DEADLINE_EXCEEDED). */
  codeExecutionResult?: { outcome?: string; output?: string };
}

export interface GeminiContent {
  role?: 'user' | 'model';
  parts?: GeminiPart[];
}

export interface GeminiLogprobsCandidate {
  token?: string;
  tokenId?: number;
  logProbability?: number;
}

export interface GeminiCandidate {
  content?: GeminiContent;
  finishReason?: string;
  index?: number;
  logprobsResult?: {
    topCandidates?: { candidates?: GeminiLogprobsCandidate[] }[];
    chosenCandidates?: GeminiLogprobsCandidate[];
  };
  groundingMetadata?: unknown;
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
}

export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

export interface GeminiErrorBody {
  error: { code?: number; message?: string; status?: string; details?: unknown[] };
}
