import { Badge, createTheme } from '@mantine/core';

/** Calm and dense, like the consoles platform teams already use: indigo accents, system fonts. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Badges carry ids and actions (`config.restore`, `azure-openai`): never uppercase or cut them.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { textTransform: 'none', overflow: 'visible' } } }),
  },
});
