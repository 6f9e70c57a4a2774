import { Skeleton } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';

const Editor = lazy(() => import('./config-editor'));

/** The editor loads on first use; a placeholder of the same height keeps the page from jumping. */
export function LazyConfigEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 360} radius="md" aria-label="Loading the editor" />}>
      <Editor {...props} />
    </Suspense>
  );
}
