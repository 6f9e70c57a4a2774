import type { Json } from '../core/types.js';
import type { GeminiCandidate, GeminiPart } from './gemini.types.js';
import { newToolCallId } from './util.js';

/**
 * What one candidate's parts say, in OpenAI terms; shared by the JSON response and the stream
 * (a stream event is a response holding a slice of the parts).
 */
export interface CandidateParts {
  /** Answer text, thoughts excluded. */
  text: string;
  hasText: boolean;
  /** Thought summaries (only present when thoughts were asked for). */
  thoughts: string[];
  toolCalls: Json[];
  /** The reference's `content_blocks` (thinking, text, generated images), for non-strict mode. */
  contentBlocks: Json[];
}

export function readParts(parts: GeminiPart[] | undefined, strictOpenAiCompliance: boolean): CandidateParts {
  const out: CandidateParts = { text: '', hasText: false, thoughts: [], toolCalls: [], contentBlocks: [] };
  for (const part of parts ?? []) {
    if (part.functionCall) {
      out.toolCalls.push(toolCall(part, strictOpenAiCompliance));
    } else if (typeof part.text === 'string') {
      if (part.thought) {
        out.thoughts.push(part.text);
        out.contentBlocks.push({ type: 'thinking', thinking: part.text });
      } else {
        out.text += part.text;
        out.hasText = true;
        out.contentBlocks.push({ type: 'text', text: part.text });
      }
    } else if (part.executableCode || part.codeExecutionResult) {
      // Code execution happens inside Gemini; its code and output are part of the answer a user
      // sees in Google's own UI. OpenAI has no such part, so they join the text as fenced blocks
      // (kept raw in content_blocks for non-strict clients) instead of silently vanishing.
      const text = codeExecutionText(part);
      out.text += text;
      out.hasText = true;
      out.contentBlocks.push(part.executableCode ? { type: 'executable_code', ...part.executableCode } : { type: 'code_execution_result', ...part.codeExecutionResult });
    } else if (part.inlineData) {
      out.contentBlocks.push({ type: 'image_url', image_url: { url: `data:${part.inlineData.mimeType};base64,${part.inlineData.data}` } });
    }
  }
  return out;
}

function codeExecutionText(part: GeminiPart): string {
  if (part.executableCode) return `\n\n\`\`\`${(part.executableCode.language ?? '').toLowerCase() || 'python'}\n${part.executableCode.code ?? ''}\n\`\`\`\n`;
  const result = part.codeExecutionResult!;
  const failed = result.outcome && result.outcome !== 'OUTCOME_OK' ? ` (${result.outcome})` : '';
  return `\n\`\`\`output${failed}\n${result.output ?? ''}\n\`\`\`\n\n`;
}

/**
 * A Gemini functionCall part as an OpenAI tool call. Gemini may name the call (`id`); otherwise an
 * id is minted, since OpenAI clients answer tool calls by id. The thought signature is the
 * reference's non-strict extra, which lets a client hand it back on the next turn.
 */
function toolCall(part: GeminiPart, strictOpenAiCompliance: boolean): Json {
  const call = part.functionCall!;
  const fn: Json = { name: call.name, arguments: JSON.stringify(call.args ?? {}) };
  if (!strictOpenAiCompliance && part.thoughtSignature) fn.thought_signature = part.thoughtSignature;
  return { id: call.id || newToolCallId(), type: 'function', function: fn };
}

/** Gemini `logprobsResult` (asked for with `responseLogprobs`) → OpenAI `logprobs.content`. */
export function mapLogprobs(candidate: GeminiCandidate): Json | null {
  const chosen = candidate.logprobsResult?.chosenCandidates;
  if (!chosen || chosen.length === 0) return null;
  const top = candidate.logprobsResult?.topCandidates ?? [];
  return {
    content: chosen.map((c, i) => ({
      ...tokenLogprob(c.token, c.logProbability),
      top_logprobs: (top[i]?.candidates ?? []).map((t) => tokenLogprob(t.token, t.logProbability)),
    })),
    refusal: null,
  };
}

const encoder = new TextEncoder();

function tokenLogprob(token: string | undefined, logprob: number | undefined): Json {
  const text = token ?? '';
  return { token: text, logprob: logprob ?? 0, bytes: Array.from(encoder.encode(text)) };
}
