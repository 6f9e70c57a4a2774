"""The official OpenAI Python SDK's main calls through the gateway, as a Python user makes them.

Run by python-openai-sdk.e2e-spec.ts with GATEWAY_URL and MOCK_URL set (the mock provider stands
in for every upstream). Prints one JSON object: what each call returned, for the spec to assert on.
"""
import json
import os
import sys

import openai

GATEWAY = os.environ["GATEWAY_URL"]
MOCK = os.environ["MOCK_URL"]


def client(provider, custom_host, **headers):
    return openai.OpenAI(
        base_url=f"{GATEWAY}/v1",
        api_key="sk-python-provider-key",
        max_retries=0,
        default_headers={"x-portkey-provider": provider, "x-portkey-custom-host": custom_host, **headers},
    )


def text_of(completion):
    return completion.choices[0].message.content


results = {"sdk": openai.__version__}
oai = client("openai", f"{MOCK}/v1")
messages = [{"role": "user", "content": "Hello from Python"}]

# Chat, JSON, with the gateway's response headers read the SDK's way.
raw = oai.chat.completions.with_raw_response.create(model="py-chat", messages=messages)
completion = raw.parse()
results["chat"] = {
    "text": text_of(completion),
    "finish_reason": completion.choices[0].finish_reason,
    "completion_tokens": completion.usage.completion_tokens,
    "trace_id": raw.headers.get("x-portkey-trace-id"),
    "provider": raw.headers.get("x-portkey-provider"),
}

# Chat, streamed, with the usage chunk.
text, usage, chunks = "", None, 0
for chunk in oai.chat.completions.create(model="py-stream", messages=messages, stream=True, stream_options={"include_usage": True}):
    chunks += 1
    if chunk.choices:
        text += chunk.choices[0].delta.content or ""
    if chunk.usage:
        usage = chunk.usage.completion_tokens
results["stream"] = {"text": text, "chunks": chunks, "completion_tokens": usage}

# The streaming helper (accumulates the deltas into a final completion).
with oai.chat.completions.stream(model="py-helper", messages=messages) as stream:
    final = stream.get_final_completion()
results["stream_helper"] = {"text": text_of(final)}

# A tool call, streamed: the SDK accumulates arguments by index.
tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]
with oai.chat.completions.stream(model="py-tools", messages=[{"role": "user", "content": "Weather in Paris?"}], tools=tools) as stream:
    final = stream.get_final_completion()
call = final.choices[0].message.tool_calls[0]
results["tool_call"] = {"name": call.function.name, "arguments": json.loads(call.function.arguments), "finish_reason": final.choices[0].finish_reason}

# Embeddings: the Python SDK asks for base64 and decodes it; OpenAI itself, and two providers translated.
embeddings = {}
for provider, host, model in [
    ("openai", f"{MOCK}/v1", "text-embedding-3-small"),
    ("cohere", MOCK, "embed-english-v3.0"),
    ("google", MOCK, "text-embedding-004"),
]:
    result = client(provider, host).embeddings.create(model=model, input=["first text", "second text"])
    embeddings[provider] = {"count": len(result.data), "dimensions": len(result.data[0].embedding), "first": result.data[0].embedding[:3]}
results["embeddings"] = embeddings
results["embeddings_float"] = oai.embeddings.create(model="text-embedding-3-small", input="first text", encoding_format="float").data[0].embedding[:3]

# A provider that does not speak OpenAI's format, JSON and streamed.
anthropic = client("anthropic", f"{MOCK}/v1")
results["anthropic"] = {
    "text": text_of(anthropic.chat.completions.create(model="claude-sonnet-4-5", messages=messages, max_tokens=64)),
    "stream": "".join(c.choices[0].delta.content or "" for c in anthropic.chat.completions.create(model="claude-sonnet-4-5", messages=messages, max_tokens=64, stream=True) if c.choices),
}

# A legacy completion.
results["completion"] = oai.completions.create(model="py-legacy", prompt="Say hi", max_tokens=8).choices[0].text

# The gateway's own refusal (no provider named), as the SDK raises it.
try:
    openai.OpenAI(base_url=f"{GATEWAY}/v1", api_key="sk-x", max_retries=0).chat.completions.create(model="m", messages=messages)
    results["refusal"] = None
except openai.APIStatusError as error:
    results["refusal"] = {"type": type(error).__name__, "status": error.status_code, "body": error.body}

json.dump(results, sys.stdout)
