import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProviderCatalogEntry } from '../../../lib/contract';
import { fakeApi, json, renderPage } from '../../../testing/render-app';
import VirtualKeysPage from '../routes/virtual-keys-page';
import { CreateVirtualKeyModal } from './create-virtual-key-modal';

/** What GET /providers answers for a gateway started with one provider plug-in. */
const PROVIDERS: ProviderCatalogEntry[] = [
  { id: 'acme-llm', name: 'ACME in-house LLM', needsCustomHost: false, plugin: true, endpoints: ['chatComplete'] },
  { id: 'anthropic', name: 'Anthropic', needsCustomHost: false, plugin: false, endpoints: ['chatComplete', 'messages'] },
  { id: 'openai', name: 'OpenAI', needsCustomHost: false, plugin: false, endpoints: ['chatComplete', 'embed'] },
  { id: 'vllm', name: 'vLLM', needsCustomHost: true, plugin: false, endpoints: ['chatComplete'] },
];

function renderModal() {
  return renderPage(<CreateVirtualKeyModal workspaceId="w1" opened onClose={() => {}} onCreated={() => {}} />);
}

/** The picker, once the provider list has loaded (it is disabled until then). */
async function enabledPicker(dialog: HTMLElement): Promise<HTMLElement> {
  await waitFor(() => expect(within(dialog).getByRole('combobox', { name: /^Provider/ })).toBeEnabled());
  return within(dialog).getByRole('combobox', { name: /^Provider/ });
}

async function pickProvider(dialog: HTMLElement, label: string) {
  fireEvent.click(await enabledPicker(dialog));
  fireEvent.click(await screen.findByRole('option', { name: label, hidden: true }));
}

// Mantine's combobox is slow to drive under jsdom on a loaded machine.
describe('the new virtual key form', { timeout: 15_000 }, () => {
  it('offers the providers the gateway lists, a plug-in included, and creates a key for it', async () => {
    let sent: unknown;
    const { calls } = fakeApi({
      'GET /providers': PROVIDERS,
      'POST /workspaces/w1/virtual-keys': (init: RequestInit | undefined) => {
        sent = JSON.parse(String(init?.body));
        return json({ id: 'k1', slug: 'acme-prod-1a2b3c', name: 'ACME prod', provider: 'acme-llm' }, 201);
      },
    });
    renderModal();
    const dialog = await screen.findByRole('dialog');
    await pickProvider(dialog, 'ACME in-house LLM (acme-llm)');
    expect(screen.getByRole('option', { name: 'vLLM (vllm)', hidden: true })).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: 'ACME prod' } });
    fireEvent.change(within(dialog).getByLabelText(/^API key/), { target: { value: 'acme-secret' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({ name: 'ACME prod', provider: 'acme-llm', secret: { apiKey: 'acme-secret' } });
    expect(calls).toContain('GET /providers');
  });

  it('groups plug-ins apart from the built-in providers', async () => {
    fakeApi({ 'GET /providers': PROVIDERS });
    renderModal();
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(await enabledPicker(dialog));
    expect(await screen.findByText('Plug-ins')).toBeInTheDocument();
    expect(screen.getByText('Built-in')).toBeInTheDocument();
  });

  it('asks for a custom host where the gateway says the provider has no base URL', async () => {
    fakeApi({ 'GET /providers': PROVIDERS });
    renderModal();
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByText('This provider is self-hosted: where it listens.')).toBeNull();
    await pickProvider(dialog, 'vLLM (vllm)');
    expect(await within(dialog).findByText('This provider is self-hosted: where it listens.')).toBeInTheDocument();
  });

  it('asks for the provider list only once the form opens', async () => {
    const { calls } = fakeApi({ 'GET /providers': PROVIDERS, 'GET /workspaces/w1/virtual-keys': [], 'GET /workspaces/w1/analytics/usage': { totals: {}, rows: [] } });
    renderPage(<VirtualKeysPage />);
    // The page (and its closed form) has mounted and its own list has arrived.
    const button = await screen.findByRole('button', { name: 'New virtual key' });
    expect(calls).toContain('GET /workspaces/w1/virtual-keys');
    expect(calls).not.toContain('GET /providers');
    fireEvent.click(button);
    await screen.findByRole('dialog');
    await waitFor(() => expect(calls).toContain('GET /providers'));
  });

  it('says so when the provider list cannot be loaded, with a retry', async () => {
    fakeApi({ 'GET /providers': json({ status: 'failure', message: 'an admin session or admin API key is required' }, 401) });
    renderModal();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the providers');
    expect(alert).toHaveTextContent('an admin session or admin API key is required');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
