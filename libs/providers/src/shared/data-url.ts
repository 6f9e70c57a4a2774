/** A parsed `data:<mime>;base64,<data>` URL, as OpenAI image/file parts carry inline content. */
export interface DataUrl {
  mimeType: string;
  data: string;
}

const DATA_URL = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s;

/** Parses a base64 data URL; undefined for anything else (http URLs, gs:// URIs). */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  return { mimeType: match[1] ?? 'application/octet-stream', data: match[2] };
}

const EXTENSION_MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  txt: 'text/plain',
};

/** Best guess of a remote file's MIME type from its extension (Gemini's fileData needs one). */
export function mimeTypeFromUrl(url: string, fallback = 'image/jpeg'): string {
  const path = url.split(/[?#]/)[0];
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return EXTENSION_MIME[ext] ?? fallback;
}
