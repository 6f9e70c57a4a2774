import { useEffect, useState } from 'react';

type Health = { status: string; uptimeSeconds: number };

/** The admin console's first page: shows whether the gateway it is served by is alive. */
export function App({ fetchHealth = defaultFetchHealth }: { fetchHealth?: () => Promise<Health> }) {
  const [health, setHealth] = useState<Health | 'error' | undefined>();
  useEffect(() => {
    fetchHealth().then(setHealth, () => setHealth('error'));
  }, [fetchHealth]);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto' }}>
      <h1>AI Gateway admin</h1>
      <p role="status">
        {health === undefined && 'Checking the gateway…'}
        {health === 'error' && 'The gateway did not answer.'}
        {health && health !== 'error' && `Gateway ${health.status}, up for ${health.uptimeSeconds}s.`}
      </p>
    </main>
  );
}

async function defaultFetchHealth(): Promise<Health> {
  const response = await fetch('/health');
  if (!response.ok) throw new Error(`health ${response.status}`);
  return (await response.json()) as Health;
}
