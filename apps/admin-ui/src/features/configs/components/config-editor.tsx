/**
 * The CodeMirror JSON editor with live validation: the lazy chunk of the configs pages (CodeMirror
 * is most of its weight). Problems are underlined at their JSON path as the user types.
 */
import { json } from '@codemirror/lang-json';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { useComputedColorScheme } from '@mantine/core';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { validateConfigText } from './config-validation';

const configLinter = linter(
  (view): Diagnostic[] =>
    validateConfigText(view.state.doc.toString()).problems.map((p) => ({
      from: p.from,
      to: p.to,
      severity: 'error',
      message: p.path ? `${p.path}: ${p.message}` : p.message,
    })),
  { delay: 250 },
);

export default function ConfigEditor({ value, onChange, readOnly = false, height = '360px' }: {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  height?: string;
}) {
  const scheme = useComputedColorScheme('light');
  const extensions = useMemo(() => [json(), configLinter, lintGutter(), EditorView.lineWrapping], []);
  return (
    <div data-testid="config-editor" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, overflow: 'hidden' }}>
      <CodeMirror
        value={value}
        height={height}
        theme={scheme === 'dark' ? 'dark' : 'light'}
        extensions={extensions}
        onChange={onChange}
        readOnly={readOnly}
        basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly, autocompletion: false }}
        aria-label="Config JSON"
      />
    </div>
  );
}
