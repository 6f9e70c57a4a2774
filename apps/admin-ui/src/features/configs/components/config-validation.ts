/**
 * Validates the editor's text with the gateway's own config parser (@aigw/config-schema), and
 * turns every problem into a span of the text plus a message: the CodeMirror linter underlines
 * the spans, the issue list names the paths. Pure, so it is tested without an editor.
 */
import { parseConfig } from '@aigw/config-schema';
import { locateJsonPath, syntaxErrorOffset } from './json-locate';

export interface ConfigProblem {
  /** `strategy.mode`, `targets[1].weight`; empty for the whole document. */
  path: string;
  message: string;
  from: number;
  to: number;
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

export function validateConfigText(text: string): { value?: Record<string, unknown>; problems: ConfigProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = syntaxErrorOffset((error as Error).message, text.length);
    const from = Math.max(0, Math.min(at, text.length - 1));
    return { problems: [{ path: '', message: `Not valid JSON: ${(error as Error).message}`, from, to: Math.min(text.length, from + 1) }] };
  }
  const result = parseConfig(value);
  if (result.ok) return { value: value as Record<string, unknown>, problems: [] };
  const problems = result.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message, ...locateJsonPath(text, issue.path) }));
  return { problems };
}
