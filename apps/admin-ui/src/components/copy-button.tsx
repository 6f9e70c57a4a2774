import { ActionIcon, Button, CopyButton as MantineCopy, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from './icons';

/** Copies `value`; says "Copied" for a moment so people know it worked. */
export function CopyButton({ value, label = 'Copy', compact = false }: { value: string; label?: string; compact?: boolean }) {
  return (
    <MantineCopy value={value} timeout={1800}>
      {({ copied, copy }) =>
        compact ? (
          <Tooltip label={copied ? 'Copied' : label} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={label}>
              {copied ? <IconCheck /> : <IconCopy />}
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button
            size="xs"
            variant={copied ? 'light' : 'default'}
            color={copied ? 'teal' : undefined}
            leftSection={copied ? <IconCheck width={14} /> : <IconCopy width={14} />}
            onClick={copy}
          >
            {copied ? 'Copied' : label}
          </Button>
        )
      }
    </MantineCopy>
  );
}
