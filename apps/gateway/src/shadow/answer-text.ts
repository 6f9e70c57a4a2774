/**
 * The text of an answer, in whichever API shape it was written to the client (chat and text
 * completions, Anthropic Messages, OpenAI Responses), for the similarity of two answers. Undefined
 * when the body is not JSON or carries no text (errors, embeddings, images).
 */
export function answerText(body: string | Buffer | undefined): string | undefined {
  if (body === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return undefined;
  }
  return textOf(parsed);
}

export function textOf(answer: unknown): string | undefined {
  if (!answer || typeof answer !== 'object') return undefined;
  const a = answer as { choices?: unknown; content?: unknown; output?: unknown; output_text?: unknown; error?: unknown };
  if (a.error !== undefined) return undefined;
  const parts: string[] = [];
  if (Array.isArray(a.choices)) {
    for (const choice of a.choices as { message?: { content?: unknown }; text?: unknown }[]) {
      const content = choice?.message?.content ?? choice?.text;
      collect(content, parts);
    }
  } else if (Array.isArray(a.content)) {
    collect(a.content, parts); // Messages: [{type:'text', text}]
  } else if (typeof a.output_text === 'string') {
    parts.push(a.output_text);
  } else if (Array.isArray(a.output)) {
    for (const item of a.output as { content?: unknown }[]) collect(item?.content, parts); // Responses
  }
  return parts.length ? parts.join('\n') : undefined;
}

function collect(content: unknown, parts: string[]): void {
  if (typeof content === 'string') parts.push(content);
  else if (Array.isArray(content)) {
    for (const part of content as { text?: unknown }[]) if (typeof part?.text === 'string') parts.push(part.text);
  }
}
