import type { Json, TransformContext } from '../core/types.js';
import { mapGenerationConfig } from './generation-config.js';
import { mapMessages } from './messages.js';
import { modelName } from './model-path.js';
import { mapToolChoice, mapTools } from './tools.js';

/**
 * OpenAI chat request → Gemini GenerateContentRequest. The model travels in the URL, not the body.
 * OpenAI fields Gemini has no counterpart for (`user`, `logit_bias`, `parallel_tool_calls`,
 * `stream_options`…) are left out: Gemini rejects unknown fields.
 */
export function toGeminiChatRequest(body: Json, ctx: TransformContext): Json {
  const model = modelName(body);
  const { systemInstruction, contents } = mapMessages(body.messages, model);
  const out: Json = { contents };
  if (systemInstruction) out.systemInstruction = systemInstruction;

  const tools = mapTools(body.tools);
  if (tools) {
    out.tools = tools;
    const toolConfig = mapToolChoice(body.tool_choice);
    if (toolConfig) out.toolConfig = toolConfig;
  }

  const generationConfig = mapGenerationConfig(body, model, ctx);
  if (Object.keys(generationConfig).length > 0) out.generationConfig = generationConfig;

  // Gemini's own safety thresholds, passed through for clients that tune them (as the reference allows).
  const safety = body.safety_settings ?? body.safetySettings;
  if (Array.isArray(safety)) out.safetySettings = safety;
  return out;
}
