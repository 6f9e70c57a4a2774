import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';

describe('App', () => {
  it('shows the gateway health it fetched', async () => {
    render(<App fetchHealth={async () => ({ status: 'ok', uptimeSeconds: 42 })} />);
    expect(await screen.findByText('Gateway ok, up for 42s.')).toBeTruthy();
  });

  it('says so when the gateway does not answer', async () => {
    render(<App fetchHealth={async () => Promise.reject(new Error('down'))} />);
    expect(await screen.findByText('The gateway did not answer.')).toBeTruthy();
  });
});
