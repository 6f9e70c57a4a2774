// An example guardrail plug-in (see README "Writing a guardrail plug-in"). Each function gets the
// hook context ({event, endpoint, provider, request: {json}, response?: {json, status}, metadata}),
// its parameters (already validated against manifest.json) and services ({postJson, signal}), and
// returns {verdict, data?, explanation?, transformed?}.

function lastUserText(json) {
  const last = Array.isArray(json.messages) ? json.messages.at(-1) : undefined;
  if (typeof last?.content === 'string') return last.content;
  if (Array.isArray(last?.content)) return last.content.map((p) => p.text ?? '').join('\n');
  return typeof json.prompt === 'string' ? json.prompt : '';
}

function answerText(json) {
  return json.choices?.[0]?.message?.content ?? json.choices?.[0]?.text ?? '';
}

export const functions = {
  bannedTopics(ctx, parameters) {
    const text = (ctx.event === 'afterRequestHook' ? answerText(ctx.response.json) : lastUserText(ctx.request.json)).toLowerCase();
    const hits = parameters.topics.filter((t) => text.includes(t.toLowerCase()));
    return { verdict: hits.length === 0, data: { hits }, explanation: hits.length ? `banned topics: ${hits.join(', ')}` : 'no banned topic' };
  },

  appendSignature(ctx, parameters) {
    const json = ctx.response.json;
    const choices = (json.choices ?? []).map((c) =>
      c.message && typeof c.message.content === 'string' ? { ...c, message: { ...c.message, content: c.message.content + parameters.signature } } : c,
    );
    return { verdict: true, transformed: { ...json, choices } };
  },
};
