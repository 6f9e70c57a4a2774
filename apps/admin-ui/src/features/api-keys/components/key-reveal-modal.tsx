import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { CopyButton } from '../../../components/copy-button';
import type { CreatedApiKey } from '../../../lib/contract';

/** The raw key, exactly once: the server keeps only its hash. */
export function KeyRevealModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Copy your new API key" closeOnClickOutside={false}>
      {created && (
        <Stack>
          <Alert color="yellow" variant="light">
            This is the only time the key is shown. Store it in your secret manager now.
          </Alert>
          <Code block data-testid="new-api-key" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {created.key}
          </Code>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {created.apiKey.name} · {created.apiKey.kind === 'admin' ? 'admin API' : 'gateway'}
            </Text>
            <CopyButton value={created.key} label="Copy key" />
          </Group>
          <Button onClick={onClose}>I have copied it</Button>
        </Stack>
      )}
    </Modal>
  );
}
