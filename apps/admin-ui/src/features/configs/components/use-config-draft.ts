import { useDeferredValue, useMemo, useState } from 'react';
import { validateConfigText } from './config-validation';

/** The editor's text and its validation (deferred, so typing never waits for validation). */
export function useConfigDraft(initial: string) {
  const [text, setText] = useState(initial);
  const deferred = useDeferredValue(text);
  const validation = useMemo(() => validateConfigText(deferred), [deferred]);
  return { text, setText, ...validation, stale: deferred !== text };
}

export const STARTER_CONFIG = `{
  "strategy": { "mode": "fallback" },
  "targets": [
    { "virtual_key": "your-virtual-key-slug", "retry": { "attempts": 2 } }
  ]
}
`;
