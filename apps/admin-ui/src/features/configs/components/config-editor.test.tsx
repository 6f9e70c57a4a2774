import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import ConfigEditor from './config-editor';
import { ProblemList } from './problem-list';
import { validateConfigText } from './config-validation';

const INVALID = '{\n  "strategy": { "mode": "fallbak" },\n  "targets": [{ "virtual_key": "a" }]\n}';

describe('the config editor', () => {
  it('underlines the invalid value in the editor itself', async () => {
    const { container } = render(
      <MantineProvider>
        <ConfigEditor value={INVALID} />
      </MantineProvider>,
    );
    await waitFor(() => expect(container.querySelector('.cm-lintRange-error')).not.toBeNull(), { timeout: 3_000 });
    expect(container.querySelector('.cm-lintRange-error')!.textContent).toBe('"fallbak"');
  });

  it('draws no underline for a valid config', async () => {
    const { container } = render(
      <MantineProvider>
        <ConfigEditor value={INVALID.replace('fallbak', 'fallback')} />
      </MantineProvider>,
    );
    await new Promise((r) => setTimeout(r, 600)); // longer than the linter's delay
    expect(container.querySelector('.cm-lintRange-error')).toBeNull();
  });

  it('lists each problem with its path in words', () => {
    render(
      <MantineProvider>
        <ProblemList problems={validateConfigText(INVALID).problems} />
      </MantineProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('1 problem');
    expect(alert).toHaveTextContent(/strategy\.mode: Invalid 'mode' value/);
  });

  it('says so when the config is valid', () => {
    render(
      <MantineProvider>
        <ProblemList problems={[]} />
      </MantineProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Valid config');
  });
});
