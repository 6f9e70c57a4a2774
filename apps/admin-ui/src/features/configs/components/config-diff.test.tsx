import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConfigDiff } from './config-diff';

const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe('ConfigDiff', () => {
  it('shows both versions side by side with removed and added lines marked and counted', () => {
    const { container } = render(
      <MantineProvider>
        <ConfigDiff
          before={pretty({ strategy: { mode: 'fallback' }, retry: { attempts: 2 } })}
          after={pretty({ strategy: { mode: 'fallback' } })}
          beforeLabel="Current (v2)"
          afterLabel="Version 1"
        />
      </MantineProvider>,
    );
    expect(screen.getByTestId('config-diff')).toHaveTextContent('Current (v2) → Version 1');
    const removed = [...container.querySelectorAll('[data-kind="removed"]')].map((c) => c.textContent);
    const added = [...container.querySelectorAll('[data-kind="added"]')].map((c) => c.textContent);
    expect(removed.join('\n')).toContain('"attempts": 2');
    expect(added.join('\n')).not.toContain('attempts');
    // Each row has a left and a right half: two columns, not an interleaved unified diff.
    const firstRow = container.querySelector('tbody tr')!;
    expect(firstRow.querySelectorAll('td[data-kind]')).toHaveLength(2);
    expect(screen.getByText(`−${removed.length}`)).toBeInTheDocument();
  });

  it('says when two versions are identical', () => {
    render(
      <MantineProvider>
        <ConfigDiff before="{}\n" after="{}\n" beforeLabel="a" afterLabel="b" />
      </MantineProvider>,
    );
    expect(screen.getByText('The two versions are identical.')).toBeInTheDocument();
  });
});
