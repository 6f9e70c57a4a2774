/** Public identifiers: virtual key slugs (`openai-prod-3f9a1c`) and saved config ids (`pc-support-bot-7c2e9a`). */
import { randomBytes } from 'node:crypto';

/** Lowercase ASCII words joined by dashes, at most `max` characters, never empty. */
export function slugify(text: string, max = 24, fallback = 'key'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || fallback;
}

function suffix(): string {
  return randomBytes(3).toString('hex');
}

export function newVirtualKeySlug(name: string): string {
  return `${slugify(name)}-${suffix()}`;
}

export function newConfigId(name: string): string {
  return `pc-${slugify(name, 24, 'config')}-${suffix()}`;
}

/** What `x-portkey-config` must look like to be a saved config id rather than inline JSON. */
export const SAVED_CONFIG_ID = /^pc-[a-z0-9-]+$/;
