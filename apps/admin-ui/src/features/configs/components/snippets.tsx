import { Code, Group, Paper, Tabs, Text } from '@mantine/core';
import { CopyButton } from '../../../components/copy-button';

/** Copy-ready code calling the gateway with a saved config id, for each SDK people use. */
export function buildSnippets(configId: string, origin: string): { id: string; label: string; code: string }[] {
  const base = `${origin}/v1`;
  return [
    {
      id: 'curl',
      label: 'curl',
      code: `curl ${base}/chat/completions \\
  -H "content-type: application/json" \\
  -H "x-portkey-api-key: $AIGW_API_KEY" \\
  -H "x-portkey-config: ${configId}" \\
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'`,
    },
    {
      id: 'openai-node',
      label: 'OpenAI SDK (Node)',
      code: `import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: '${base}',
  apiKey: process.env.AIGW_API_KEY,
  defaultHeaders: { 'x-portkey-config': '${configId}' },
});

const completion = await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello' }],
});
console.log(completion.choices[0].message.content);`,
    },
    {
      id: 'openai-python',
      label: 'OpenAI SDK (Python)',
      code: `import os
from openai import OpenAI

client = OpenAI(
    base_url="${base}",
    api_key=os.environ["AIGW_API_KEY"],
    default_headers={"x-portkey-config": "${configId}"},
)

completion = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Hello"}],
)
print(completion.choices[0].message.content)`,
    },
    {
      id: 'portkey',
      label: 'Portkey SDK',
      code: `import Portkey from 'portkey-ai';

const portkey = new Portkey({
  baseURL: '${base}',
  apiKey: process.env.AIGW_API_KEY,
  config: '${configId}',
});

const completion = await portkey.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello' }],
});`,
    },
    {
      id: 'anthropic',
      label: 'Anthropic SDK',
      code: `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({
  baseURL: '${origin}',
  apiKey: process.env.AIGW_API_KEY,
  defaultHeaders: { 'x-portkey-api-key': process.env.AIGW_API_KEY, 'x-portkey-config': '${configId}' },
});

const message = await anthropic.messages.create({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hello' }],
});`,
    },
  ];
}

export function Snippets({ configId }: { configId: string }) {
  const snippets = buildSnippets(configId, window.location.origin);
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          Use this config
        </Text>
        <Group gap={6}>
          <Code className="mono" data-testid="config-id">
            {configId}
          </Code>
          <CopyButton value={configId} label="Copy id" compact />
        </Group>
      </Group>
      <Tabs defaultValue="curl" keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {snippets.map((s) => (
            <Tabs.Tab key={s.id} value={s.id} fz="xs">
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {snippets.map((s) => (
          <Tabs.Panel key={s.id} value={s.id} pt="xs">
            <div style={{ position: 'relative' }}>
              <Code block style={{ fontSize: 12, overflowX: 'auto', paddingRight: 40 }}>
                {s.code}
              </Code>
              <div style={{ position: 'absolute', top: 6, right: 6 }}>
                <CopyButton value={s.code} label="Copy snippet" compact />
              </div>
            </div>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Paper>
  );
}
