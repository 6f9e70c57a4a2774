/**
 * Where a JSON path is in the text the user typed: a tiny position-keeping JSON reader (valid
 * JSON only; the caller reports syntax errors itself). Keys match exactly or by their snake_case
 * spelling, because config errors name fields the way the docs write them.
 */
export interface Span {
  from: number;
  to: number;
}

interface Node extends Span {
  /** Object members (key span + value) or array items, in order. */
  members?: Map<string, { key: Span; value: Node }>;
  items?: Node[];
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function reader(text: string) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): Span & { value: string } => {
    const from = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return { from, to: i, value: JSON.parse(text.slice(from, i)) as string };
  };
  const value = (): Node => {
    ws();
    const from = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, { key: Span; value: Node }>();
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          const key = string();
          ws();
          i++; // :
          const v = value();
          members.set(key.value, { key: { from: key.from, to: key.to }, value: v });
          ws();
          if (text[i++] === '}') break;
        }
      }
      return { from, to: i, members };
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          items.push(value());
          ws();
          if (text[i++] === ']') break;
        }
      }
      return { from, to: i, items };
    }
    if (c === '"') {
      const s = string();
      return { from: s.from, to: s.to };
    }
    while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
    return { from, to: i };
  };
  return value;
}

function member(node: Node, key: string) {
  if (!node.members) return undefined;
  return node.members.get(key) ?? [...node.members].find(([k]) => snake(k) === key)?.[1];
}

/**
 * The span of the value at `path`. When the path goes
 * further than the text (a missing field), the deepest existing part is returned: the key of the
 * object that lacks the field, so the underline sits where the field belongs.
 */
export function locateJsonPath(text: string, path: ReadonlyArray<string | number>): Span {
  let root: Node;
  try {
    JSON.parse(text);
    root = reader(text)();
  } catch {
    return { from: 0, to: Math.min(text.length, 1) };
  }
  let node = root;
  let keySpan: Span | undefined;
  for (const segment of path) {
    if (typeof segment === 'number' && node.items?.[segment]) {
      node = node.items[segment]!;
      keySpan = undefined;
      continue;
    }
    const found = typeof segment === 'string' ? member(node, segment) : undefined;
    if (!found) return keySpan ?? { from: node.from, to: Math.min(node.to, node.from + 1) };
    node = found.value;
    keySpan = found.key;
  }
  return { from: node.from, to: node.to };
}

/** V8 and Firefox put the offset of a JSON syntax error in the message. */
export function syntaxErrorOffset(message: string, textLength: number): number {
  const match = /position (\d+)/.exec(message) ?? /column (\d+)/.exec(message);
  return match ? Math.min(Number(match[1]), textLength) : textLength;
}
