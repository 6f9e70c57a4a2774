/**
 * Offline checks of Kubernetes objects against the API's own object schemas, from the
 * `kubernetes-models` package (generated from the Kubernetes OpenAPI spec):
 *
 * - `validateObject`: the package's JSON-schema validator (types, required fields, enums, formats);
 * - `unknownFields`: the schemas accept fields they do not know (as the API server does without
 *   strict field validation), so a misspelt `readinesProbe` would pass silently and the pod would
 *   run without one. The package's TypeScript types list every field, so each object is type-checked
 *   as an object literal: TypeScript's excess-property check names any field the type does not have.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** `apps/v1` → `kubernetes-models/apps/v1`; the core group (`v1`) has no group segment. */
function modulePath(apiVersion: string): string {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion)) throw new Error(`unexpected apiVersion ${apiVersion}`);
  return `kubernetes-models/${apiVersion}`;
}

/** Throws with the schema's messages when the object is invalid, or when its kind is unknown. */
export async function validateObject(object: KubeObject): Promise<void> {
  const models = (await import(modulePath(object.apiVersion))) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[object.kind];
  if (typeof Model !== 'function') throw new Error(`${object.apiVersion} has no kind ${object.kind}`);
  new Model(object).validate();
}

/**
 * Type-checks each object against `I<Kind>` from its API group's types and returns the compiler's
 * complaints (unknown fields, wrong types), one line each, prefixed with the object's label.
 */
export function unknownFields(objects: { label: string; object: KubeObject }[]): string[] {
  // A virtual file beside this one, so module resolution finds the workspace's node_modules.
  const file = path.join(HERE, '__kubernetes_objects__.ts');
  const lines: string[] = [];
  const labels: string[] = [];
  objects.forEach(({ label, object }, i) => {
    lines.push(`import type { I${object.kind} as T${i} } from '${modulePath(object.apiVersion)}';`);
    labels.push(label);
  });
  objects.forEach(({ object }, i) => lines.push(`export const o${i}: T${i} = ${JSON.stringify(object)};`));
  const source = lines.join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => f === file || fileExists.call(host, f);
  host.readFile = (f) => (f === file ? source : readFile.call(host, f));
  host.getSourceFile = (f, v, ...rest) => (f === file ? ts.createSourceFile(f, source, v) : getSourceFile.call(host, f, v, ...rest));
  const program = ts.createProgram([file], options, host);
  const importLines = objects.length;
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n').slice(-1)[0];
    if (d.file?.fileName !== file || d.start === undefined) return `(types) ${message}`;
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    return line < importLines ? `${labels[line]}: cannot load its types: ${message}` : `${labels[line - importLines]}: ${message}`;
  });
}
