/**
 * A small multipart/form-data parser (RFC 7578 over RFC 2046 framing), enough for the uploads the
 * gateway forwards: image edits, audio transcriptions, Stability's v2beta forms. It works on the
 * raw bytes, so binary files survive untouched, and fails loudly on malformed framing.
 */

export interface MultipartPart {
  /** `name` from Content-Disposition ('' when absent). */
  name: string;
  /** `filename` (or RFC 5987 `filename*`) when the part is a file. */
  filename?: string;
  /** The part's own Content-Type header, when it has one. */
  contentType?: string;
  /** The part's bytes, exactly as sent. */
  data: Buffer;
}

/** What the recorder keeps of a part: its description, and the value of text fields. */
export interface RecordedPart {
  name: string;
  filename?: string;
  contentType?: string;
  size: number;
  value?: string;
}

/** The `boundary` parameter of a multipart Content-Type, quoted or not. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Splits a multipart body into parts; throws an Error naming the problem when it is malformed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const dash = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter opens the body, or follows a preamble and a CRLF.
  let pos: number;
  if (body.subarray(0, dash.length).equals(dash)) pos = dash.length;
  else {
    const at = body.indexOf(next);
    if (at === -1) throw new Error('multipart: no boundary delimiter found');
    pos = at + next.length;
  }
  const parts: MultipartPart[] = [];
  for (;;) {
    // `--` after a delimiter closes the body; anything else is transport padding then CRLF.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    const eol = body.indexOf(CRLF, pos);
    if (eol === -1) throw new Error('multipart: truncated after a boundary');
    // A part without headers has its blank line right after the delimiter line.
    const headEnd = body.subarray(eol, eol + 4).equals(HEADER_END) ? eol : body.indexOf(HEADER_END, eol + 2);
    if (headEnd === -1) throw new Error('multipart: part headers never end');
    const dataStart = headEnd + 4;
    const end = body.indexOf(next, dataStart);
    if (end === -1) throw new Error('multipart: missing closing boundary');
    parts.push(partOf(body.toString('utf8', eol + 2, headEnd), body.subarray(dataStart, end)));
    pos = end + next.length;
  }
}

function partOf(headerText: string, data: Buffer): MultipartPart {
  const part: MultipartPart = { name: '', data };
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'content-type') part.contentType = value;
    else if (field === 'content-disposition') {
      const params = dispositionParams(value);
      part.name = params.name ?? '';
      const filename = params['filename*'] !== undefined ? extValue(params['filename*']) : params.filename;
      if (filename !== undefined) part.filename = filename;
    }
  }
  return part;
}

/** `form-data; name="a"; filename="b.png"` → `{ name: 'a', filename: 'b.png' }`. */
function dispositionParams(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const key = m[1]!.toLowerCase();
    out[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  return out;
}

/** RFC 5987 `UTF-8''na%C3%AFve.txt` → `naïve.txt` (the raw value when it does not decode). */
function extValue(value: string): string {
  const m = /^[^']*'[^']*'(.*)$/.exec(value);
  try {
    return decodeURIComponent(m ? m[1]! : value);
  } catch {
    return value;
  }
}

/** The recorder's description of parts: names, file names, types and sizes; text fields' values. */
export function describeParts(parts: MultipartPart[]): RecordedPart[] {
  return parts.map((p) => {
    const d: RecordedPart = { name: p.name, size: p.data.length };
    if (p.filename !== undefined) d.filename = p.filename;
    if (p.contentType !== undefined) d.contentType = p.contentType;
    if (p.filename === undefined) d.value = p.data.toString('utf8');
    return d;
  });
}

/** Text fields by name (the first of repeated names). */
export function textFields(parts: MultipartPart[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts) if (p.filename === undefined && !(p.name in out)) out[p.name] = p.data.toString('utf8');
  return out;
}

/** The first file part among `names` (e.g. `image`, `image[]`). */
export function fileField(parts: MultipartPart[], ...names: string[]): MultipartPart | undefined {
  return parts.find((p) => p.filename !== undefined && names.includes(p.name));
}
